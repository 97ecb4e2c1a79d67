namespace RiskStreams.Streams;

/// <summary>An update of a table row: the new and the previous value (null for reference types when absent).</summary>
/// <typeparam name="T">Value type.</typeparam>
public readonly record struct Change<T>(T NewValue, T OldValue);
