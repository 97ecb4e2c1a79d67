using System.Runtime.InteropServices;

namespace RiskStreams.Streams.Internal;

/// <summary>
/// The runtime identifier whose <c>runtimes/{rid}/native/</c> folder librdkafka.redist fills, and the file names it
/// ships there, most preferred first.
/// </summary>
internal sealed record LibrdkafkaPlatform(string RuntimeIdentifier, IReadOnlyList<string> FileNames)
{
    public static LibrdkafkaPlatform Current { get; } = Detect();

    private static LibrdkafkaPlatform Detect()
    {
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        if (OperatingSystem.IsWindows())
        {
            return new($"win-{arch}", ["librdkafka.dll"]);
        }

        if (OperatingSystem.IsMacOS())
        {
            return new($"osx-{arch}", ["librdkafka.dylib"]);
        }

        // The default build links libsasl2 and glibc; centos8 (glibc, no SASL) exists for x64 only; alpine is musl.
        return RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => new("linux-x64", ["librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so"]),
            Architecture.Arm64 => new("linux-arm64", ["librdkafka.so", "alpine-librdkafka.so"]),
            _ => new($"linux-{arch}", ["librdkafka.so"]),
        };
    }
}
