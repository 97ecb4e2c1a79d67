namespace RiskStreams.Streams;

/// <summary>
/// When a windowed aggregation forwards its results (Kafka Streams' <c>EmitStrategy</c>, KIP-825):
/// on every window update (the default) or once per window when it closes.
/// </summary>
public sealed record EmitStrategy
{
    private EmitStrategy(EmitStrategyType type) => Type = type;

    /// <summary>The kind of strategy.</summary>
    public EmitStrategyType Type { get; }

    /// <summary>Forwards every update of every window (a window may be forwarded many times).</summary>
    public static EmitStrategy OnWindowUpdate() => new(EmitStrategyType.OnWindowUpdate);

    /// <summary>
    /// Forwards each window's final result exactly once, when the processor's observed stream time
    /// reaches the window's end plus the grace period; no intermediate updates are forwarded.
    /// </summary>
    public static EmitStrategy OnWindowClose() => new(EmitStrategyType.OnWindowClose);
}
