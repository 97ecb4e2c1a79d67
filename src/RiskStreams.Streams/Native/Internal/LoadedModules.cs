namespace RiskStreams.Streams.Internal;

/// <summary>Finds which librdkafka file the process has mapped (Linux only, from <c>/proc/self/maps</c>).</summary>
internal static class LoadedModules
{
    /// <summary>The path of a mapped librdkafka, or <see langword="null"/> when none is found or maps are unreadable.</summary>
    public static string? FindLibrdkafka()
    {
        const string maps = "/proc/self/maps";
        if (!OperatingSystem.IsLinux() || !File.Exists(maps))
        {
            return null;
        }

        // Each line: address perms offset dev inode [path]; a path never contains the separator run before it.
        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                continue;
            }

            var path = line[slash..].Trim();
            var name = Path.GetFileName(path);
            if (name.Contains("rdkafka", StringComparison.Ordinal) && name.Contains(".so", StringComparison.Ordinal)
                && File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
