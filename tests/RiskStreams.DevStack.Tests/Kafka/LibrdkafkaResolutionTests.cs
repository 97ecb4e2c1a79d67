using System.Runtime.InteropServices;
using Confluent.Kafka;
using RiskStreams.Streams;
using RiskStreams.Streams.Internal;

namespace RiskStreams.DevStack.Tests.Kafka;

public sealed class LibrdkafkaResolutionTests : IDisposable
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate nint VersionString();

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("riskstreams-librdkafka-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public void Load_failure_lists_every_path_tried()
    {
        var notALibrary = Path.Combine(directory.FullName, "librdkafka.so");
        File.WriteAllText(notALibrary, string.Concat(Enumerable.Repeat("this is not a shared library\n", 40)));
        var missing = Path.Combine(directory.FullName, "centos8-librdkafka.so");
        var alsoMissing = Path.Combine(directory.FullName, "alpine-librdkafka.so");

        var error = Assert.Throws<InvalidOperationException>(
            () => LibrdkafkaProbe.LoadFirst([notALibrary, missing, alsoMissing], NativeLibrary.Load));

        var lines = error.Message.Split('\n');
        Assert.Equal("librdkafka could not be loaded. Tried, in order:", lines[0]);
        Assert.StartsWith($"  {notALibrary}: ", lines[1], StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            Assert.EndsWith($"{notALibrary}: invalid ELF header", lines[1], StringComparison.Ordinal);
        }

        Assert.Equal($"  {missing}: file does not exist", lines[2]);
        Assert.Equal($"  {alsoMissing}: file does not exist", lines[3]);
        Assert.Equal($"Set {Librdkafka.PathEnvironmentVariable} to a librdkafka shared library that loads on this machine.", lines[4]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void Load_failure_reports_the_loader_reason_not_the_generic_preamble()
    {
        var needsSasl = Path.Combine(directory.FullName, "librdkafka.so");
        File.WriteAllText(needsSasl, string.Empty);

        var error = Assert.Throws<InvalidOperationException>(() => LibrdkafkaProbe.LoadFirst([needsSasl], path =>
            throw new DllNotFoundException(
                $"Unable to load shared library '{path}' or one of its dependencies. In order to help diagnose loading " +
                "problems, consider using a tool like strace. If you're using glibc, consider setting the LD_DEBUG " +
                "environment variable: \nlibsasl2.so.3: cannot open shared object file: No such file or directory\n")));

        Assert.Contains(
            $"  {needsSasl}: libsasl2.so.3: cannot open shared object file: No such file or directory\n",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void First_candidate_that_loads_wins_and_later_ones_are_not_tried()
    {
        var broken = Path.Combine(directory.FullName, "librdkafka.so");
        var working = Path.Combine(directory.FullName, "centos8-librdkafka.so");
        var untouched = Path.Combine(directory.FullName, "alpine-librdkafka.so");
        foreach (var file in (string[])[broken, working, untouched])
        {
            File.WriteAllText(file, string.Empty);
        }

        var tried = new List<string>();
        var loaded = LibrdkafkaProbe.LoadFirst([broken, working, untouched], path =>
        {
            tried.Add(path);
            return path == working ? 42 : throw new DllNotFoundException("nope");
        });

        Assert.Equal((working, (nint)42), (loaded.Path, loaded.Handle));
        Assert.Equal([broken, working], tried);
    }

    [Fact]
    public void Candidates_are_the_explicit_path_then_the_packaged_builds_for_the_runtime()
    {
        var platform = new LibrdkafkaPlatform("linux-x64", ["librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so"]);

        var candidates = LibrdkafkaCandidates.For("/opt/kafka/librdkafka.so.1", directory.FullName, platform);

        var native = Path.Combine(directory.FullName, "runtimes", "linux-x64", "native");
        Assert.Equal(
            [
                "/opt/kafka/librdkafka.so.1",
                Path.Combine(native, "librdkafka.so"),
                Path.Combine(native, "centos8-librdkafka.so"),
                Path.Combine(native, "alpine-librdkafka.so"),
            ],
            candidates);
    }

    [Fact]
    public void Candidates_include_builds_published_flat_beside_the_app()
    {
        File.WriteAllText(Path.Combine(directory.FullName, "librdkafka.dylib"), string.Empty);
        var platform = new LibrdkafkaPlatform("osx-arm64", ["librdkafka.dylib"]);

        var candidates = LibrdkafkaCandidates.For(explicitPath: " ", directory.FullName, platform);

        Assert.Equal(
            [
                Path.Combine(directory.FullName, "runtimes", "osx-arm64", "native", "librdkafka.dylib"),
                Path.Combine(directory.FullName, "librdkafka.dylib"),
            ],
            candidates);
    }

    [Fact]
    public async Task Ensure_loaded_binds_confluent_kafka_to_the_one_library_it_returns()
    {
        var paths = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(Librdkafka.EnsureLoaded)));

        var path = Assert.Single(paths.Distinct());
        Assert.Equal(path, Librdkafka.LoadedPath);
        Assert.True(Library.IsLoaded);
        Assert.NotEqual(0, Librdkafka.Handle);
        var versionString = Marshal.GetDelegateForFunctionPointer<VersionString>(
            NativeLibrary.GetExport(Librdkafka.Handle, "rd_kafka_version_str"));
        Assert.Equal(Library.VersionString, Marshal.PtrToStringUTF8(versionString()));
        if (OperatingSystem.IsLinux())
        {
            var mapped = File.ReadLines("/proc/self/maps")
                .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? line[slash..] : null)
                .Where(file => file is not null && Path.GetFileName(file).Contains("rdkafka", StringComparison.Ordinal))
                .Distinct();
            Assert.Equal([path], mapped);
        }
    }
}
