using System.Diagnostics;

namespace RiskStreams.DevStack.Tests.Kafka;

/// <summary>Runs the kcat tool as a separate process.</summary>
internal static class Kcat
{
    public static string? Path { get; } = Environment.GetEnvironmentVariable("PATH")?
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => System.IO.Path.Combine(directory, "kcat"))
        .FirstOrDefault(File.Exists);

    /// <summary>Runs kcat with <paramref name="arguments"/>, feeding <paramref name="input"/>; returns its stdout.</summary>
    public static async Task<string> RunAsync(IEnumerable<string> arguments, string? input = null)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("kcat is not installed."))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(KafkaTestClients.Deadline);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kcat {string.Join(' ', start.ArgumentList)} did not finish in {KafkaTestClients.Deadline}.");
        }

        var stdout = await output;
        Assert.True(process.ExitCode == 0, $"kcat exited with {process.ExitCode}: {await errors}");
        return stdout;
    }
}
