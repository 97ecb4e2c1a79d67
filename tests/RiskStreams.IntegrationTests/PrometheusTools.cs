using System.Diagnostics;

namespace RiskStreams.IntegrationTests;

/// <summary>Debian's Prometheus server and promtool (package <c>prometheus</c>, which .ci/run installs), and the repository's rule and dashboard files.</summary>
internal static class PrometheusTools
{
    public const string Missing = "promtool/prometheus not installed (apt-get install prometheus; .ci/run installs it)";

    public static string? Promtool { get; } = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists);

    public static string? Server { get; } = new[] { "/usr/bin/prometheus", "/usr/local/bin/prometheus" }.FirstOrDefault(File.Exists);

    /// <summary>The checkout's root (the directory holding RiskStreams.sln above the test binaries).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string AlertRules => Path.Combine(RepositoryRoot, "deploy", "prometheus", "alerts.yml");

    public static string AlertTests => Path.Combine(RepositoryRoot, "deploy", "prometheus", "alerts.test.yml");

    public static string Dashboard => Path.Combine(RepositoryRoot, "deploy", "grafana", "riskstreams-dashboard.json");

    /// <summary>Runs <paramref name="program"/> to its end; returns its exit code and its stdout and stderr together.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RiskStreams.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No RiskStreams.sln above {AppContext.BaseDirectory}.");
    }
}
