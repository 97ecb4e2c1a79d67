namespace RiskStreams.Streams.Internal;

/// <summary>A librdkafka shared library loaded into the process: its path and native handle.</summary>
internal sealed record LoadedLibrdkafka(string Path, nint Handle);
