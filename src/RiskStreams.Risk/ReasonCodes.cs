namespace RiskStreams.Risk;

/// <summary>
/// The reason-code catalogue carried on every level change. These strings are a contract with the
/// account and notification systems: add new ones, never rename or remove one.
/// </summary>
public static class ReasonCodes
{
    /// <summary>Successful login from a device the account has not used before, without MFA.</summary>
    public const string NewDevice = "NEW_DEVICE";

    /// <summary>Two located events too far apart for the time between them.</summary>
    public const string ImpossibleTravel = "IMPOSSIBLE_TRAVEL";

    /// <summary>Many failed logins in a short window.</summary>
    public const string LoginFailures = "LOGIN_FAILURES";

    /// <summary>Spending well above the account's own history.</summary>
    public const string SpendSpike = "SPEND_SPIKE";

    /// <summary>Unusually many transactions in a short window.</summary>
    public const string TxnVelocity = "TXN_VELOCITY";

    /// <summary>Many tiny transactions at distinct merchants (card testing).</summary>
    public const string SmallTxnProbing = "SMALL_TXN_PROBING";

    /// <summary>A high share of declined transactions.</summary>
    public const string HighDeclineRate = "HIGH_DECLINE_RATE";

    /// <summary>A surge of cash advances.</summary>
    public const string CashAdvanceSurge = "CASH_ADVANCE_SURGE";

    /// <summary>Outstanding balance close to the credit limit.</summary>
    public const string HighUtilization = "HIGH_UTILIZATION";

    /// <summary>Bills confirmed overdue (all payment sources synced past the due date).</summary>
    public const string RepaymentOverdue = "REPAYMENT_OVERDUE";

    /// <summary>A bill looks overdue but a payment source has not synced past its due date yet.</summary>
    public const string RepaymentSyncPending = "REPAYMENT_SYNC_PENDING";

    /// <summary>A repayment for an overdue bill arrived.</summary>
    public const string RepaymentReceived = "REPAYMENT_RECEIVED";

    /// <summary>The conditions behind an earlier raise have cleared.</summary>
    public const string RiskCleared = "RISK_CLEARED";

    /// <summary>A reviewer cleared the account (CLEAR): back to NORMAL, the cleared signals suppressed for a while.</summary>
    public const string ReviewCleared = "REVIEW_CLEARED";

    /// <summary>A reviewer confirmed the account's level (UPHOLD).</summary>
    public const string ReviewUpheld = "REVIEW_UPHELD";

    /// <summary>A reviewer set the account's level until a given time (OVERRIDE).</summary>
    public const string ReviewOverride = "REVIEW_OVERRIDE";

    /// <summary>A reviewer's OVERRIDE ran out; the automatic decision applies again.</summary>
    public const string ReviewOverrideEnded = "REVIEW_OVERRIDE_ENDED";

    /// <summary>Signed in from a device that many different accounts signed in from recently (device farm, takeover ring).</summary>
    public const string DeviceShared = "DEVICE_SHARED";

    /// <summary>Sign-in attempts from a network address failing on many different accounts (credential stuffing).</summary>
    public const string IpCredentialStuffing = "IP_CREDENTIAL_STUFFING";

    /// <summary>A transaction at a merchant receiving many tiny transactions from many accounts (card testing at the merchant).</summary>
    public const string MerchantCardTesting = "MERCHANT_CARD_TESTING";
}
