namespace RiskStreams.Streams;

/// <summary>When a windowed aggregation forwards its results.</summary>
public enum EmitStrategyType
{
    /// <summary>Every update of a window is forwarded at once.</summary>
    OnWindowUpdate,

    /// <summary>Each window's final result is forwarded once, when stream time passes its end plus the grace period.</summary>
    OnWindowClose,
}
