namespace RiskStreams.Streams.Reset;

/// <summary>One internal topic cleared (or to be cleared, in a dry run) by the reset.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partitions">Its partition count.</param>
/// <param name="Records">Records it held (sum of high watermark minus low watermark over its partitions).</param>
/// <param name="Action">How it was cleared; in a dry run, <see cref="InternalTopicAction.Deleted"/> (what is tried first).</param>
public sealed record InternalTopicReset(string Topic, int Partitions, long Records, InternalTopicAction Action);
