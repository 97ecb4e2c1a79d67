namespace RiskStreams.Streams.Internal.Joins;

/// <summary>
/// One side of a stream-stream join as its processor sees it: its own and the other side's buffers, the shared
/// buffer of records without a partner (left/outer joins), whether this is the left input, whether this side's
/// records are emitted without a partner (<paramref name="Outer"/>), and the window relative to this side's records
/// (the right side sees before and after swapped).
/// </summary>
internal sealed record StreamJoinSide(
    string ThisStore,
    string OtherStore,
    string? OuterStore,
    bool IsLeftSide,
    bool Outer,
    JoinWindows Windows)
{
    /// <summary>How far back from this side's record the other side's records join it.</summary>
    public long JoinBeforeMs => IsLeftSide ? Windows.BeforeMs : Windows.AfterMs;

    /// <summary>How far ahead of this side's record the other side's records join it.</summary>
    public long JoinAfterMs => IsLeftSide ? Windows.AfterMs : Windows.BeforeMs;

    /// <summary>How long after its timestamp a record of the given input can still find a partner (window end, before grace).</summary>
    public long LookAheadMs(bool leftSide) => leftSide ? Windows.AfterMs : Windows.BeforeMs;
}
