using System.Globalization;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.DevStack.Internal;

/// <summary>What a scenario needs to build events for one account at one instant.</summary>
internal sealed record ScenarioContext(AccountProfile Account, long Now, Random Random, EventIds Ids, WorkloadTopics Topics, IReadOnlyList<string> Sources)
{
    public GeneratedEvent Txn(long at, long amountMinor, string merchantId, Places.Place where, string? device,
        TransactionChannel channel = TransactionChannel.POS, TransactionKind kind = TransactionKind.PURCHASE, TransactionStatus status = TransactionStatus.APPROVED) =>
        new(Topics.Transactions, Account.AccountId, new Transaction
        {
            eventId = Ids.Next("txn"), accountId = Account.AccountId, occurredAt = WorkloadGenerator.At(at), amountMinor = amountMinor,
            currency = "CNY", merchantId = merchantId, merchantCategory = Random.Next(3) switch { 0 => "5411", 1 => "5812", _ => "5999" },
            channel = channel, kind = kind, status = status, deviceId = device, ipAddress = Ip(), country = where.Country,
            latitude = where.Latitude, longitude = where.Longitude,
        }, at);

    public GeneratedEvent Login(long at, bool success, string device, Places.Place where, bool mfa) =>
        new(Topics.Logins, Account.AccountId, new Login
        {
            eventId = Ids.Next("login"), accountId = Account.AccountId, occurredAt = WorkloadGenerator.At(at),
            outcome = success ? LoginOutcome.SUCCESS : LoginOutcome.FAILURE, failureReason = success ? null : "bad password",
            deviceId = device, ipAddress = Ip(), country = where.Country, latitude = where.Latitude, longitude = where.Longitude,
            channel = LoginChannel.APP, mfaUsed = mfa,
        }, at);

    public GeneratedEvent Bill(long at, string billId, long dueDate, BillStatus status, int daysPastDue, long amountDue, long amountPaid, string? source = null) =>
        new(Topics.Repayments, Account.AccountId, new RepaymentSync
        {
            eventId = Ids.Next("repay"), accountId = Account.AccountId, occurredAt = WorkloadGenerator.At(at),
            syncedAt = WorkloadGenerator.At(at + 1000), sourceSystem = source ?? Sources[0], billId = billId,
            dueDate = WorkloadGenerator.At(dueDate), amountDueMinor = amountDue, amountPaidMinor = amountPaid, currency = "CNY",
            status = status, daysPastDue = daysPastDue, outstandingMinor = amountDue - amountPaid, creditLimitMinor = 2_000_000,
        }, at);

    /// <summary>An analyst's APPEAL decision on the account (the note stays on the review; the processor never copies it).</summary>
    public GeneratedEvent Review(long at, ReviewOutcome outcome, IList<string> suppress, long? validUntil, string note) =>
        new(Topics.Reviews, Account.AccountId, new ReviewDecision
        {
            reviewId = Ids.Next("review"), accountId = Account.AccountId, decidedAt = WorkloadGenerator.At(at), reviewer = "analyst-dev",
            kind = ReviewKind.APPEAL, outcome = outcome, suppressReasons = suppress,
            validUntil = validUntil is { } until ? WorkloadGenerator.At(until) : null, note = note,
        }, at);

    public string NewBillId() => string.Create(CultureInfo.InvariantCulture, $"{Account.AccountId}-bill-{++Account.BillSequence:D3}");

    private string Ip() => string.Create(CultureInfo.InvariantCulture, $"203.0.113.{Random.Next(1, 255)}");
}
