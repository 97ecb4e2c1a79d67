namespace RiskStreams.Benchmarks;

/// <summary>What <see cref="BenchRunner"/> runs: one scenario or all, and optional sizes overriding each scenario's default.</summary>
public sealed record BenchOptions
{
    /// <summary>The scenario to run (see <see cref="BenchRunner.Scenarios"/>); every scenario when null.</summary>
    public string? Scenario { get; init; }

    /// <summary>Input records per scenario; each scenario's default when null (smaller values give quick runs).</summary>
    public int? Records { get; init; }

    /// <summary>Distinct keys (accounts for the risk topology); each scenario's default when null.</summary>
    public int? Keys { get; init; }

    /// <summary>
    /// <c>risk-topology</c> in process: run the topology with its entity branches <c>on</c> (default), <c>off</c>, or <c>both</c>
    /// (off, then on: the cost of the cross-account signals).
    /// </summary>
    public string EntityBranches { get; init; } = "on";

    /// <summary>Checks the options, naming the field at fault.</summary>
    public void Validate()
    {
        if (Scenario is { } name && !BenchRunner.Scenarios.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown scenario '{name}'; known: {string.Join(", ", BenchRunner.Scenarios)}.", nameof(Scenario));
        }

        if (EntityBranches is not ("on" or "off" or "both"))
        {
            throw new ArgumentException($"--entity-branches must be on, off or both; was '{EntityBranches}'.", nameof(EntityBranches));
        }

        if (Records is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Records), Records, "--records must be positive.");
        }

        if (Keys is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Keys), Keys, "--keys must be positive.");
        }
    }
}
