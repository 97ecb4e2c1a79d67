namespace RiskStreams.DevStack;

/// <summary>Shape of the synthetic workload. The same options always give the same events.</summary>
public sealed record WorkloadOptions
{
    /// <summary>Number of accounts.</summary>
    public int Accounts { get; init; } = 1000;

    /// <summary>Random seed.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Event time of the first event.</summary>
    public DateTime StartTime { get; init; } = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>Mean simulated time between two ordinary events of one account (all accounts together make the event rate).</summary>
    public TimeSpan AccountEventInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Probability that a tick starts a risky scenario instead of ordinary activity.</summary>
    public double ScenarioProbability { get; init; } = 0.01;

    /// <summary>Payment sources (lending ledgers) that send repayment syncs and heartbeats.</summary>
    public IReadOnlyList<string> SourceSystems { get; init; } = ["ledger-main", "ledger-partner"];

    /// <summary>Simulated time between heartbeats of each source.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Simulated time between two scenarios across accounts (default 20 min, so that the README's 20,000-event dev run, about
    /// 3 h of simulated time with the default accounts, holds every kind; zero = none): in turn a device farm, a
    /// credential-stuffing wave, card testing at a merchant, a family tablet with MFA, a corporate NAT address and a coffee kiosk.
    /// </summary>
    public TimeSpan CrowdScenarioInterval { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (Accounts < 1)
        {
            throw new ArgumentException($"{nameof(Accounts)} must be at least 1, was {Accounts}.", nameof(Accounts));
        }

        if (AccountEventInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(AccountEventInterval)} must be positive.", nameof(AccountEventInterval));
        }

        if (ScenarioProbability is < 0 or > 1)
        {
            throw new ArgumentException($"{nameof(ScenarioProbability)} must be within [0, 1].", nameof(ScenarioProbability));
        }

        if (SourceSystems.Count == 0 || SourceSystems.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"{nameof(SourceSystems)} must name at least one source.", nameof(SourceSystems));
        }

        if (CrowdScenarioInterval < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(CrowdScenarioInterval)} must be zero or positive.", nameof(CrowdScenarioInterval));
        }

        if (HeartbeatInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(HeartbeatInterval)} must be positive.", nameof(HeartbeatInterval));
        }
    }
}
