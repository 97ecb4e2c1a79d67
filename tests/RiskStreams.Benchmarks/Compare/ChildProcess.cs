using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace RiskStreams.Benchmarks.Compare;

/// <summary>Starts <c>riskstreams-bench compare-run</c> as a child process (the same program, however it was started) and reads its result line.</summary>
internal static class ChildProcess
{
    public static async Task<EngineRun> RunAsync(CompareScenario scenario, string engine, CompareOptions options, CancellationToken cancellationToken)
    {
        var (program, prefix) = Self();
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in prefix.Concat(["compare-run", "--scenario", scenario.Name, "--engine", engine,
                     "--records", options.Records.ToString(CultureInfo.InvariantCulture), "--keys", options.Keys.ToString(CultureInfo.InvariantCulture)]))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var line = (await stdout).Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            var error = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";
            throw new InvalidOperationException($"{engine} on {scenario.Name} failed (exit {process.ExitCode}): {error}");
        }

        return JsonSerializer.Deserialize<EngineRun>(line, EngineRun.Json) ?? throw new InvalidOperationException($"Unreadable result: {line}");
    }

    /// <summary>This program: the apphost itself, or <c>dotnet</c> with this assembly when started as <c>dotnet riskstreams-bench.dll</c>.</summary>
    private static (string Program, IReadOnlyList<string> Prefix) Self()
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        return Path.GetFileNameWithoutExtension(processPath) == "dotnet"
            ? (processPath, [Assembly.GetEntryAssembly()!.Location])
            : (processPath, []);
    }
}
