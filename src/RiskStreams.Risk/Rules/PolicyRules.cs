namespace RiskStreams.Risk.Rules;

/// <summary>The scored rules of a <see cref="RiskPolicy"/>, one per reason code.</summary>
public sealed record PolicyRules
{
    /// <summary><see cref="ReasonCodes.LoginFailures"/>.</summary>
    public required LoginFailuresRule LoginFailures { get; init; }

    /// <summary><see cref="ReasonCodes.NewDevice"/>.</summary>
    public required NewDeviceRule NewDevice { get; init; }

    /// <summary><see cref="ReasonCodes.ImpossibleTravel"/>.</summary>
    public required ImpossibleTravelRule ImpossibleTravel { get; init; }

    /// <summary><see cref="ReasonCodes.SpendSpike"/>.</summary>
    public required SpendSpikeRule SpendSpike { get; init; }

    /// <summary><see cref="ReasonCodes.TxnVelocity"/>.</summary>
    public required TxnVelocityRule TxnVelocity { get; init; }

    /// <summary><see cref="ReasonCodes.SmallTxnProbing"/>.</summary>
    public required SmallTxnProbingRule SmallTxnProbing { get; init; }

    /// <summary><see cref="ReasonCodes.HighDeclineRate"/>.</summary>
    public required HighDeclineRateRule HighDeclineRate { get; init; }

    /// <summary><see cref="ReasonCodes.CashAdvanceSurge"/>.</summary>
    public required CashAdvanceSurgeRule CashAdvanceSurge { get; init; }

    /// <summary><see cref="ReasonCodes.HighUtilization"/>.</summary>
    public required HighUtilizationRule HighUtilization { get; init; }

    /// <summary><see cref="ReasonCodes.RepaymentOverdue"/>.</summary>
    public required RepaymentOverdueRule RepaymentOverdue { get; init; }

    /// <summary>Every rule, in the order reasons are listed on a change.</summary>
    public IReadOnlyList<RiskRule> All =>
        [LoginFailures, NewDevice, ImpossibleTravel, SpendSpike, TxnVelocity, SmallTxnProbing, HighDeclineRate, CashAdvanceSurge, HighUtilization, RepaymentOverdue];

    /// <summary>How many rules are enabled.</summary>
    public int EnabledCount => All.Count(r => r.Enabled);
}
