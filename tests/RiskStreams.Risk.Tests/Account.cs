namespace RiskStreams.Risk.Tests;

/// <summary>One account driven through an <see cref="AccountRiskDecider"/>: event builders and the changes it emitted.</summary>
internal sealed class Account(RiskPolicy? policy = null, string accountId = "acct")
{
    public const long T0 = 1_767_600_000_000; // 2026-01-05T08:00:00Z
    public const long Second = 1_000;
    public const long Minute = 60_000;
    public const long Hour = 3_600_000;
    public const long Day = 86_400_000;
    public static readonly GeoPoint Beijing = new(39.9042, 116.4074);
    public static readonly GeoPoint Shanghai = new(31.2304, 121.4737);
    public static readonly GeoPoint London = new(51.5074, -0.1278);

    private int _ids;

    public AccountRiskDecider Decider { get; } = new(policy ?? RiskPolicy.Default);

    public AccountRiskState State { get; } = new();

    public SyncCoverageTable Coverage { get; } = new();

    public List<LevelChange> Changes { get; } = [];

    public RiskLevel MaxLevel => Changes.Count == 0 ? RiskLevel.Normal : Changes.Max(c => c.Level);

    public AccountFeatures Features => Decider.Features(State);

    public LevelChange? Apply(AccountEvent e)
    {
        var change = Decider.Apply(State, e, Coverage);
        if (change is not null)
        {
            Changes.Add(change);
        }

        return change;
    }

    public LevelChange? Login(long at, bool success, string device, GeoPoint where, bool mfa = false) =>
        Apply(new LoginEvent($"e{++_ids}", accountId, at, success, device, mfa, Country(where), where));

    public LevelChange? Txn(long at, long amount, string merchant, GeoPoint where, bool approved = true, bool cash = false, string device = "dev-1", string currency = "CNY") =>
        Apply(new TransactionEvent($"e{++_ids}", accountId, at, amount, merchant, approved, cash, Refund: false, device, Country(where), where, currency));

    public LevelChange? Bill(long at, string billId, long due, BillState state, int daysPastDue, long? outstanding = null, long? limit = null, string source = "ledger") =>
        Apply(new RepaymentEvent($"e{++_ids}", accountId, at, source, billId, due, state, daysPastDue, 10_000,
            state == BillState.Paid ? 10_000 : 0, outstanding, limit));

    public LevelChange? SyncCheck(long at) => Apply(new SyncCheckEvent($"e{++_ids}", accountId, at));

    /// <summary>
    /// Ordinary life at home over the 20 days before <paramref name="until"/>: a login on the usual device, then
    /// two 5,000 purchases a day at local merchants, the last one 2 h before <paramref name="until"/>.
    /// </summary>
    public void History(long until = T0)
    {
        var start = until - (20 * Day);
        Login(start, success: true, "dev-1", Beijing);
        for (var d = 0; d < 20; d++)
        {
            Txn(start + (d * Day) + (10 * Hour), 5_000, $"m-{d % 7}", Beijing);
            Txn(start + (d * Day) + (22 * Hour), 5_000, $"m-{(d + 3) % 7}", Beijing);
        }

        if (Changes.Count != 0)
        {
            throw new InvalidOperationException("Ordinary history must not change the level.");
        }
    }

    public static string Describe(LevelChange c) =>
        $"{c.ChangeId}|{c.PreviousLevel}|{c.Level}|{c.Score}|{string.Join(",", c.Reasons.Select(r => r.Code))}|{string.Join(",", c.Actions)}|{c.TriggeringEventId}";

    public static string Evidence(RiskReason reason, string key) => reason.Evidence.Single(e => e.Key == key).Value;

    private static string Country(GeoPoint where) => where == London ? "GB" : "CN";
}
