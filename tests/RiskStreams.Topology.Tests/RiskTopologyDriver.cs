using RiskStreams.Avro.Contracts;
using RiskStreams.Streams;
using RiskStreams.Streams.Testing;
using RiskStreams.Topology.Internal;

namespace RiskStreams.Topology.Tests;

/// <summary>The production risk topology in a TopologyTestDriver, with typed topics.</summary>
internal sealed class RiskTopologyDriver : IDisposable
{
    public static readonly DateTime T0 = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);
    private readonly ReorderDrain _drain = new();
    private int _ids;

    public RiskTopologyDriver(RiskSerdes serdes, RiskPolicyHolder? policy = null, TimeSpan? reorderGrace = null, TimeSpan? entityJoinGrace = null, bool entitySignals = true)
    {
        // Entity joins join at once unless a test asks for a grace, as the backtest does (a grace holds each entity's last
        // events until later ones arrive).
        var options = new RiskTopologyOptions { Clock = new FixedClock(), Drain = _drain, EntityJoinGrace = entityJoinGrace ?? TimeSpan.Zero, EntitySignals = entitySignals };
        options = options with { ReorderGrace = reorderGrace ?? options.ReorderGrace };
        ReorderGrace = options.ReorderGrace;
        var holder = policy ?? new RiskPolicyHolder(options.Policy);
        Driver = new TopologyTestDriver(RiskTopology.Create(options, serdes, () => holder.Current));
        Transactions = Driver.CreateInputTopic(options.TransactionsTopic, Serdes.String, serdes.Transactions);
        Logins = Driver.CreateInputTopic(options.LoginsTopic, Serdes.String, serdes.Logins);
        Repayments = Driver.CreateInputTopic(options.RepaymentsTopic, Serdes.String, serdes.Repayments);
        SyncStatus = Driver.CreateInputTopic(options.SyncStatusTopic, Serdes.String, serdes.SyncStatus);
        Reviews = Driver.CreateInputTopic(options.ReviewsTopic, Serdes.String, serdes.Reviews);
        Changes = Driver.CreateOutputTopic(options.LevelChangesTopic, Serdes.String, serdes.LevelChanges);
    }

    public TopologyTestDriver Driver { get; }

    public TimeSpan ReorderGrace { get; }

    /// <summary>Events the reorder buffer holds, as its store has them after a commit.</summary>
    public long Buffered
    {
        get
        {
            Driver.Commit();
            return Driver.GetKeyValueStore<ReorderKey, Risk.AccountEvent>(RiskStoreNames.ReorderBuffer).ApproximateCount;
        }
    }

    public TestInputTopic<string, Transaction> Transactions { get; }

    public TestInputTopic<string, Login> Logins { get; }

    public TestInputTopic<string, RepaymentSync> Repayments { get; }

    public TestInputTopic<string, SyncStatus> SyncStatus { get; }

    public TestInputTopic<string, ReviewDecision> Reviews { get; }

    public TestOutputTopic<string, RiskLevelChanged> Changes { get; }

    public void Review(
        string account, DateTime at, string reviewId, ReviewOutcome outcome, RiskLevel? level = null, DateTime? validUntil = null,
        IList<string>? suppress = null, string? note = null, ReviewKind kind = ReviewKind.APPEAL, string reviewer = "staff-7") =>
        Reviews.PipeInput(account, new ReviewDecision
        {
            reviewId = reviewId, accountId = account, decidedAt = at, reviewer = reviewer, kind = kind, outcome = outcome, level = level,
            validUntil = validUntil, suppressReasons = suppress ?? [], note = note,
        }, Ms(at));

    public void Dispose() => Driver.Dispose();

    /// <summary>Ends the input as the backtest does: every held event is decided, as if the grace had passed in stream time.</summary>
    public void Flush()
    {
        _drain.Request();
        Driver.AdvanceWallClockTime(TimeSpan.FromMilliseconds(1));
    }

    public void Login(string account, DateTime at, bool success, string device, string? id = null) =>
        Logins.PipeInput(account, new Login
        {
            eventId = id ?? $"l{++_ids}", accountId = account, occurredAt = at, outcome = success ? LoginOutcome.SUCCESS : LoginOutcome.FAILURE,
            deviceId = device, channel = LoginChannel.APP, mfaUsed = false,
        }, Ms(at));

    /// <summary>A sign-in with the fields the entity branches read: device, network address and MFA.</summary>
    public void SignIn(string account, DateTime at, bool success, string device, string? ip, bool mfa, string? id = null) =>
        Logins.PipeInput(account, new Login
        {
            eventId = id ?? $"l{++_ids}", accountId = account, occurredAt = at, outcome = success ? LoginOutcome.SUCCESS : LoginOutcome.FAILURE,
            deviceId = device, ipAddress = ip, channel = LoginChannel.WEB, mfaUsed = mfa,
        }, Ms(at));

    /// <summary>A purchase that may be declined.</summary>
    public void Pay(string account, DateTime at, long amount, string merchant, bool approved, string? id = null) =>
        Transactions.PipeInput(account, new Transaction
        {
            eventId = id ?? $"t{++_ids}", accountId = account, occurredAt = at, amountMinor = amount, currency = "CNY", merchantId = merchant,
            merchantCategory = "5999", channel = TransactionChannel.ONLINE, kind = TransactionKind.PURCHASE,
            status = approved ? TransactionStatus.APPROVED : TransactionStatus.DECLINED,
        }, Ms(at));

    public void Txn(string account, DateTime at, long amount, string merchant, string? id = null) =>
        Transactions.PipeInput(account, new Transaction
        {
            eventId = id ?? $"t{++_ids}", accountId = account, occurredAt = at, amountMinor = amount, currency = "CNY", merchantId = merchant,
            merchantCategory = "5999", channel = TransactionChannel.ONLINE, kind = TransactionKind.PURCHASE, status = TransactionStatus.APPROVED,
        }, Ms(at));

    public void Bill(string account, DateTime at, string billId, DateTime due, BillStatus status, int daysPastDue, string? id = null) =>
        Repayments.PipeInput(account, new RepaymentSync
        {
            eventId = id ?? $"r{++_ids}", accountId = account, occurredAt = at, syncedAt = at, sourceSystem = "ledger-main", billId = billId, dueDate = due,
            amountDueMinor = 10_000, amountPaidMinor = status == BillStatus.PAID ? 10_000 : 0, currency = "CNY", status = status, daysPastDue = daysPastDue,
        }, Ms(at));

    public void Heartbeat(string source, DateTime syncedThrough, DateTime reportedAt) =>
        SyncStatus.PipeInput(source, new SyncStatus { sourceSystem = source, syncedThrough = syncedThrough, reportedAt = reportedAt }, Ms(reportedAt));

    public static long Ms(DateTime at) => (long)(at - DateTime.UnixEpoch).TotalMilliseconds;

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
