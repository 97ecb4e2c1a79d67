using System.Diagnostics;

namespace RiskStreams.IntegrationTests;

/// <summary>A third-party command-line tool (node, docker-compose) run to completion with its output captured.</summary>
internal static class ExternalTool
{
    public static string? Find(params string[] candidates) => candidates.FirstOrDefault(File.Exists);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string program, string arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, await stdout, await stderr);
    }
}
