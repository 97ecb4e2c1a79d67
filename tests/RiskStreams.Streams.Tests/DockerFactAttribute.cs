using System.ComponentModel;
using System.Diagnostics;

namespace RiskStreams.Streams.Tests;

/// <summary>
/// A fact that needs a Docker engine (Testcontainers): skipped, with the reason, when neither <c>DOCKER_HOST</c> nor
/// <c>/var/run/docker.sock</c> is there or <c>docker info</c> does not answer.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(FindReason);

    public DockerFactAttribute()
    {
        if (Unavailable.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? FindReason()
    {
        const string Socket = "/var/run/docker.sock";
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) && !File.Exists(Socket))
        {
            return $"No Docker engine: {Socket} is absent and DOCKER_HOST is not set (Testcontainers needs one).";
        }

        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (docker is null)
            {
                return "No Docker engine: `docker info` could not be started.";
            }

            _ = docker.StandardOutput.ReadToEndAsync();
            _ = docker.StandardError.ReadToEndAsync();
            if (!docker.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                docker.Kill(entireProcessTree: true);
                return "No Docker engine: `docker info` did not answer within 20 s.";
            }

            return docker.ExitCode == 0 ? null : $"No Docker engine: `docker info` exited with {docker.ExitCode}.";
        }
        catch (Win32Exception e)
        {
            return $"No Docker engine: the docker CLI is not installed ({e.Message}).";
        }
    }
}
