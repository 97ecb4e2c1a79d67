using System.Runtime.InteropServices;
using Confluent.Kafka;
using RiskStreams.Streams.Internal;

namespace RiskStreams.Streams;

/// <summary>
/// Resolves and loads the native librdkafka that Confluent.Kafka uses, explicitly and once per process.
/// </summary>
/// <remarks>
/// <para>
/// The librdkafka.redist package ships several builds per runtime. On Debian 12 the default
/// <c>runtimes/linux-x64/native/librdkafka.so</c> needs <c>libsasl2.so.3</c>, which is often absent,
/// while <c>centos8-librdkafka.so</c> beside it loads. <see cref="EnsureLoaded"/> tries, in order, the path in
/// <see cref="PathEnvironmentVariable"/>, then the package's builds for the current runtime
/// (on linux-x64: <c>librdkafka.so</c>, <c>centos8-librdkafka.so</c>, <c>alpine-librdkafka.so</c>) under
/// <c>AppContext.BaseDirectory/runtimes/{rid}/native/</c>, and loads the first that loads.
/// </para>
/// <para>
/// Confluent.Kafka is then bound to that same library instance: every <c>librdkafka</c> import of the
/// Confluent.Kafka assembly resolves to <see cref="Handle"/>, so code that calls librdkafka directly through
/// <see cref="Handle"/> (the embedded mock cluster) shares state with the producers and consumers.
/// </para>
/// </remarks>
public static class Librdkafka
{
    /// <summary>Environment variable naming a librdkafka shared library to try before the packaged ones.</summary>
    public const string PathEnvironmentVariable = "RISKSTREAMS_LIBRDKAFKA_PATH";

    private static readonly Lock Gate = new();
    private static volatile LoadedLibrdkafka? loaded;

    /// <summary>The path of the loaded librdkafka, or <see langword="null"/> before <see cref="EnsureLoaded"/> succeeded.</summary>
    public static string? LoadedPath => loaded?.Path;

    /// <summary>
    /// The native library handle of the loaded librdkafka (as from <see cref="NativeLibrary.Load(string)"/>),
    /// for binding further exports with <see cref="NativeLibrary.GetExport"/>. Loads the library first if needed.
    /// </summary>
    /// <exception cref="InvalidOperationException">No candidate library could be loaded.</exception>
    public static nint Handle => Load().Handle;

    /// <summary>
    /// Loads librdkafka if it is not loaded yet and binds Confluent.Kafka to it. Idempotent and thread-safe.
    /// </summary>
    /// <returns>The path of the loaded library.</returns>
    /// <exception cref="InvalidOperationException">
    /// No candidate could be loaded; the message lists every path tried with the loader's error for each.
    /// </exception>
    public static string EnsureLoaded() => Load().Path;

    private static LoadedLibrdkafka Load()
    {
        if (loaded is { } done)
        {
            return done;
        }

        lock (Gate)
        {
            loaded ??= LoadOnce();
            return loaded;
        }
    }

    private static LoadedLibrdkafka LoadOnce()
    {
        var candidates = LibrdkafkaCandidates.For(
            Environment.GetEnvironmentVariable(PathEnvironmentVariable),
            AppContext.BaseDirectory,
            LibrdkafkaPlatform.Current);

        if (Library.IsLoaded)
        {
            // Someone created a client before us, so Confluent.Kafka picked a library on its own. Use the file it
            // mapped; where the process maps cannot be read, its choice is the first loadable packaged build, as ours.
            var mapped = LoadedModules.FindLibrdkafka();
            return mapped is not null
                ? new LoadedLibrdkafka(mapped, NativeLibrary.Load(mapped))
                : LibrdkafkaProbe.LoadFirst(candidates, NativeLibrary.Load);
        }

        var chosen = LibrdkafkaProbe.LoadFirst(candidates, NativeLibrary.Load);
        return ConfluentNativeBinding.Bind(chosen);
    }
}
