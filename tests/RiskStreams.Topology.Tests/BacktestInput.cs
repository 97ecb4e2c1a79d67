using System.Text.Json;
using System.Text.Json.Serialization;
using RiskStreams.Risk;

namespace RiskStreams.Topology.Tests;

/// <summary>Builds backtest input (JSON lines, in arrival order) and runs it.</summary>
internal sealed class BacktestInput
{
    public const long T0 = 1_767_600_000_000; // 2026-01-05T08:00:00Z
    public const long Second = 1_000;
    public const long Minute = 60_000;
    public const long Hour = 3_600_000;
    public const long Day = 86_400_000;
    public static readonly (double Lat, double Lon) Beijing = (39.9042, 116.4074);
    public static readonly (double Lat, double Lon) London = (51.5074, -0.1278);

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The lines so far: the account (null for heartbeats and raw lines), the event time and the JSON.</summary>
    public List<(string? Account, long At, string Json)> Lines { get; } = [];

    public BacktestInput Txn(string account, long at, long amount, string merchant, string id, bool approved = true,
        string? device = "dev-1", (double Lat, double Lon)? where = null) =>
        Add(account, at, "transactions", new
        {
            eventId = id, accountId = account, occurredAt = at, amountMinor = amount, currency = "CNY", merchantId = merchant,
            merchantCategory = "5999", channel = "ONLINE", kind = "PURCHASE", status = approved ? "APPROVED" : "DECLINED", deviceId = device,
            country = where is null ? null : Country(where.Value), latitude = where?.Lat, longitude = where?.Lon,
        });

    public BacktestInput Login(string account, long at, bool success, string device, string id, (double Lat, double Lon)? where = null, bool mfa = false) =>
        Add(account, at, "logins", new
        {
            eventId = id, accountId = account, occurredAt = at, outcome = success ? "SUCCESS" : "FAILURE", deviceId = device,
            country = where is null ? null : Country(where.Value), latitude = where?.Lat, longitude = where?.Lon, channel = "APP", mfaUsed = mfa,
        });

    public BacktestInput Bill(string account, long at, string billId, long due, string status, int daysPastDue, string id, string source = "ledger-main") =>
        Add(account, at, "repayments", new
        {
            eventId = id, accountId = account, occurredAt = at, syncedAt = at, sourceSystem = source, billId, dueDate = due,
            amountDueMinor = 10_000L, amountPaidMinor = status == "PAID" ? 10_000L : 0L, currency = "CNY", status, daysPastDue,
        });

    public BacktestInput Heartbeat(string source, long syncedThrough, long reportedAt) =>
        Add(null, reportedAt, "sync-status", new { sourceSystem = source, syncedThrough, reportedAt });

    public BacktestInput Review(string account, long at, string reviewId, string outcome, string? level = null, long? validUntil = null, string[]? suppress = null) =>
        Add(account, at, "reviews", new
        {
            reviewId, accountId = account, decidedAt = at, reviewer = "staff-7", kind = "APPEAL", outcome, level, validUntil, suppressReasons = suppress,
        });

    public BacktestInput Raw(string line)
    {
        Lines.Add((null, 0, line));
        return this;
    }

    /// <summary>Ordinary life at home before <paramref name="until"/>: a login, then a 5,000 purchase a day for a week, the last 2 h before.</summary>
    public BacktestInput History(string account, long until = T0)
    {
        var start = until - (6 * Day) - (2 * Hour);
        Login(account, start - Hour, success: true, "dev-1", $"{account}-home-login", Beijing);
        for (var d = 0; d < 7; d++)
        {
            Txn(account, start + (d * Day), 5_000, $"home-{d % 4}", $"{account}-home-{d + 1}", where: Beijing);
        }

        return this;
    }

    public override string ToString() => string.Concat(Lines.Select(l => l.Json + "\n"));

    public (BacktestSummary Summary, string Changes) Run(RiskPolicy? policy = null)
    {
        using var output = new StringWriter();
        var summary = RiskBacktest.Run(new StringReader(ToString()), output, policy ?? RiskPolicy.Default);
        return (summary, output.ToString());
    }

    /// <summary>
    /// Runs the lines through one <see cref="Internal.BacktestRun"/> as the backtest does (fed in order, then finished),
    /// with the given reorder grace; returns the changes as JSON lines and the events the buffer still held at the end.
    /// </summary>
    public (string Changes, long BufferedAtEnd) RunWithGrace(TimeSpan reorderGrace, RiskPolicy? policy = null)
    {
        using var registry = Internal.InMemorySchemaRegistryHandler.CreateClient();
        using var run = new Internal.BacktestRun(policy ?? RiskPolicy.Default, new RiskSerdes(registry), reorderGrace);
        var changes = new List<Avro.Contracts.RiskLevelChanged>();
        var timeline = new Internal.ReplayTimeline(16);
        foreach (var (line, i) in Lines.Select((l, i) => (l.Json, i)))
        {
            timeline.Add(i + 1, Internal.BacktestEventReader.Parse(line), null);
        }

        while (timeline.TryTake(inputEnded: true, out var entry, out var nowMs))
        {
            changes.AddRange(run.Feed(entry.LineNumber, entry.Event!, nowMs));
        }

        changes.AddRange(run.Finish());
        return (string.Concat(changes.Select(c => Internal.AvroJsonWriter.Write(c) + "\n")), run.BufferedEvents);
    }

    private BacktestInput Add(string? account, long at, string stream, object e)
    {
        Lines.Add((account, at, JsonSerializer.Serialize(new { stream, @event = e }, Json)));
        return this;
    }

    private static string Country((double Lat, double Lon) where) => where == London ? "GB" : "CN";
}
