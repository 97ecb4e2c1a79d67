namespace RiskStreams.Topology;

/// <summary>One change version of an account on which two policies decided differently.</summary>
/// <param name="Version">The change version compared.</param>
/// <param name="Change">The change under the first policy, or null when it made no change with this version.</param>
/// <param name="OtherChange">The change under the other policy, or null when it made no change with this version.</param>
public sealed record BacktestChangeDifference(long Version, BacktestChange? Change, BacktestChange? OtherChange);
