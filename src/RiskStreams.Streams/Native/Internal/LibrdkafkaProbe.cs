using System.Text;

namespace RiskStreams.Streams.Internal;

/// <summary>Tries candidate librdkafka files in order and keeps the first that loads.</summary>
internal static class LibrdkafkaProbe
{
    /// <summary>Loads the first candidate that <paramref name="load"/> accepts.</summary>
    /// <param name="candidates">Paths to try, in order. A bare file name is left to the system loader's search.</param>
    /// <param name="load">The loader, e.g. <c>NativeLibrary.Load</c>; it throws when a library does not load.</param>
    /// <exception cref="InvalidOperationException">None loaded; lists every path with the reason it failed.</exception>
    public static LoadedLibrdkafka LoadFirst(IReadOnlyList<string> candidates, Func<string, nint> load)
    {
        var failures = new List<(string Path, string Reason)>();
        foreach (var path in candidates)
        {
            if (Path.IsPathRooted(path) && !File.Exists(path))
            {
                failures.Add((path, "file does not exist"));
                continue;
            }

            try
            {
                return new LoadedLibrdkafka(path, load(path));
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or IOException)
            {
                failures.Add((path, LoaderReason(e)));
            }
        }

        throw new InvalidOperationException(Describe(failures));
    }

    // .NET prefixes the loader's own text (dlerror, e.g. "libsasl2.so.3: cannot open shared object file") with a
    // generic paragraph ending in a line break; the loader's text is what tells the cause.
    private static string LoaderReason(Exception e)
    {
        var message = e.Message;
        var lineBreak = message.IndexOf('\n', StringComparison.Ordinal);
        var detail = lineBreak >= 0 ? message[(lineBreak + 1)..].Trim() : string.Empty;
        return detail.Length > 0 ? detail.ReplaceLineEndings("; ") : message.Trim();
    }

    private static string Describe(List<(string Path, string Reason)> failures)
    {
        var text = new StringBuilder("librdkafka could not be loaded. Tried, in order:");
        if (failures.Count == 0)
        {
            text.Append(" (no candidate paths)");
        }

        foreach (var (path, reason) in failures)
        {
            text.Append('\n').Append("  ").Append(path).Append(": ").Append(reason);
        }

        text.Append('\n')
            .Append("Set ").Append(Librdkafka.PathEnvironmentVariable)
            .Append(" to a librdkafka shared library that loads on this machine.");
        return text.ToString();
    }
}
