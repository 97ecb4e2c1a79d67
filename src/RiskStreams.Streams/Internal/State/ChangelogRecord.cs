namespace RiskStreams.Streams.Internal.State;

/// <summary>One record of a store's changelog: the store-layout key, the value (null = deletion) and its timestamp.</summary>
internal readonly record struct ChangelogRecord(byte[] Key, byte[]? Value, long Timestamp);
