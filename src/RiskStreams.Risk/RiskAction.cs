namespace RiskStreams.Risk;

/// <summary>What the account and notification systems are asked to do on a level change.</summary>
public enum RiskAction
{
    /// <summary>Tell the customer what changed, why, and how to appeal.</summary>
    NotifyCustomer,

    /// <summary>Ask for stronger authentication on the next sensitive operation.</summary>
    RequireStepUpAuth,

    /// <summary>Lower the available credit limit.</summary>
    ReduceCreditLimit,

    /// <summary>Suspend the credit line.</summary>
    SuspendCredit,

    /// <summary>Give back credit that an earlier change restricted or suspended.</summary>
    RestoreCredit,

    /// <summary>Queue the account for a human reviewer.</summary>
    OpenManualReview,
}
