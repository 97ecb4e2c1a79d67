namespace RiskStreams.Streams.Internal.Runtime;

/// <summary>Marks a serde failure on an input record so the thread hands it to the deserialization handler.</summary>
internal sealed class RecordDeserializationException(Exception inner) : Exception(inner.Message, inner);
