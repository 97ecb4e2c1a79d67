using System.Diagnostics;

namespace RiskStreams.IntegrationTests;

/// <summary>The real <c>riskstreams</c> executable as a child process, with its output captured.</summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(Stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(Stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public SynchronizedWriter Stdout { get; } = new();

    public SynchronizedWriter Stderr { get; } = new();

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ServiceProcess Start(string arguments, IReadOnlyDictionary<string, string> environment, string program = "riskstreams")
    {
        var dll = Path.Combine(AppContext.BaseDirectory, $"{program}.dll");
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new ServiceProcess(Process.Start(info)!);
    }

    /// <summary>Sends SIGTERM, as a container runtime does on stop.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", $"-TERM {_process.Id}");
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: the process dies at once, with no commit, flush or close (a crash, <c>kill -9</c>).</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        _process.WaitForExit(); // flushes the redirected output handlers
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static void Append(SynchronizedWriter writer, string? line)
    {
        if (line is not null)
        {
            writer.Write(line + "\n");
        }
    }
}
