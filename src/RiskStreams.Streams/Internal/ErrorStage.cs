namespace RiskStreams.Streams.Internal;

/// <summary>Values of <see cref="DeadLetterHeaders.Stage"/> and of the <c>stage</c> metric tag.</summary>
internal static class ErrorStage
{
    public const string Deserialization = "deserialization";
    public const string Processing = "processing";
    public const string Production = "production";

    /// <summary>A wall-clock punctuation failed (no input record: the dead letter carries the refused state key, if any).</summary>
    public const string Punctuation = "punctuation";
}
