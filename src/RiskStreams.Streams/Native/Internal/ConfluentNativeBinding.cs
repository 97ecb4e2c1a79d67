using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace RiskStreams.Streams.Internal;

/// <summary>Makes Confluent.Kafka use one already-loaded librdkafka.</summary>
/// <remarks>
/// Confluent.Kafka 2.16 imports librdkafka as <c>librdkafka</c>, <c>centos8-librdkafka</c> and
/// <c>alpine-librdkafka</c>, and its <c>Library.Load(path)</c> calls <c>dlopen</c> imported from <c>libdl</c> —
/// a name glibc 2.34+ no longer provides without a dev symlink (Debian 12 has only <c>libdl.so.2</c>), so that
/// call fails there with <see cref="DllNotFoundException"/>. A DLL import resolver on the Confluent.Kafka assembly
/// answers every librdkafka import with our handle and <c>libdl</c> with the system's, so
/// <c>Library.Load(path)</c> works and the managed client and our direct calls share one library instance.
/// </remarks>
internal static class ConfluentNativeBinding
{
    private static nint librdkafkaHandle;

    /// <summary>Binds Confluent.Kafka to <paramref name="library"/> and returns the library it ended up using.</summary>
    public static LoadedLibrdkafka Bind(LoadedLibrdkafka library)
    {
        librdkafkaHandle = library.Handle;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Another resolver owns the assembly already; Library.Load(path) below may still work on its own.
        }

        try
        {
            if (Library.Load(library.Path))
            {
                return library;
            }
        }
        catch (DllNotFoundException e)
        {
            throw new InvalidOperationException(
                $"librdkafka at '{library.Path}' loads, but Confluent.Kafka could not be bound to it: {e.Message}", e);
        }

        // Another thread's client loaded librdkafka first: prefer the file it actually mapped.
        var mapped = LoadedModules.FindLibrdkafka();
        return mapped is null || mapped == library.Path ? library : new LoadedLibrdkafka(mapped, NativeLibrary.Load(mapped));
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName.Contains("librdkafka", StringComparison.OrdinalIgnoreCase))
        {
            return librdkafkaHandle;
        }

        if (libraryName == "libdl" && OperatingSystem.IsLinux())
        {
            foreach (var name in (string[])["libdl.so.2", "libc.so.6"])
            {
                if (NativeLibrary.TryLoad(name, out var handle))
                {
                    return handle;
                }
            }
        }

        return 0;
    }
}
