namespace RiskStreams.Streams.Internal;

/// <summary>Values of <see cref="DeadLetterHeaders.Stage"/> and of the <c>stage</c> metric tag.</summary>
internal static class ErrorStage
{
    public const string Deserialization = "deserialization";
    public const string Processing = "processing";
    public const string Production = "production";
}
