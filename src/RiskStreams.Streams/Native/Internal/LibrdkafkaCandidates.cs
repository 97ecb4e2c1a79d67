namespace RiskStreams.Streams.Internal;

/// <summary>The ordered list of librdkafka files to try loading.</summary>
internal static class LibrdkafkaCandidates
{
    /// <summary>
    /// The explicit path first (if any), then each packaged build under <c>runtimes/{rid}/native/</c>, then those
    /// present directly in <paramref name="baseDirectory"/> (a RID-specific publish flattens native files there).
    /// </summary>
    public static IReadOnlyList<string> For(string? explicitPath, string baseDirectory, LibrdkafkaPlatform platform)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            candidates.Add(explicitPath.Trim());
        }

        var nativeDirectory = Path.Combine(baseDirectory, "runtimes", platform.RuntimeIdentifier, "native");
        candidates.AddRange(platform.FileNames.Select(name => Path.Combine(nativeDirectory, name)));
        candidates.AddRange(platform.FileNames.Select(name => Path.Combine(baseDirectory, name)).Where(File.Exists));
        return candidates.Distinct(StringComparer.Ordinal).ToList();
    }
}
