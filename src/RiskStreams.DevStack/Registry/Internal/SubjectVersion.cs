namespace RiskStreams.DevStack.Internal;

/// <summary>One version of a subject: its schema id and the canonical schema text.</summary>
internal sealed record SubjectVersion(string Subject, int Version, int Id, string Schema);
