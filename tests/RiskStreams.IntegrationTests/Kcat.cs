using System.Diagnostics;

namespace RiskStreams.IntegrationTests;

/// <summary>Runs Debian's kcat as a separate process when it is installed (.ci/run installs it).</summary>
internal static class Kcat
{
    public static string? Path { get; } = new[] { "/usr/bin/kcat", "/usr/local/bin/kcat" }.FirstOrDefault(File.Exists);

    public static async Task<string> RunAsync(string path, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(path, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, $"kcat {arguments} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
