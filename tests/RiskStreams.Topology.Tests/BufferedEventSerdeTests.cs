using System.Text;
using RiskStreams.Risk;
using RiskStreams.Topology.Internal;

namespace RiskStreams.Topology.Tests;

public sealed class BufferedEventSerdeTests
{
    public static TheoryData<AccountEvent> Events() =>
    [
        new TransactionEvent("t-1", "a-1", -1_000, 12_345, "m-1", Approved: false, CashAdvance: true, Refund: false, "dev-1", "CN", new GeoPoint(39.9042, 116.4074), "CNY"),
        new TransactionEvent("t-2", "a-1", 1_767_600_000_000, 0, "", Approved: true, CashAdvance: false, Refund: true, null, null, null, "EUR"),
        new LoginEvent("l-1", "a-2", 1_767_600_000_000, Success: true, "dev-2", MfaUsed: true, "GB", new GeoPoint(51.5074, -0.1278)),
        new LoginEvent("l-2", "a-2", 1_767_600_000_001, Success: false, "dev-3", MfaUsed: false, null, null),
        new RepaymentEvent("r-1", "a-3", 1_767_600_000_000, "ledger-main", "b-1", 1_767_000_000_000, BillState.PartiallyPaid, 3, 10_000, 4_000, 6_000, 50_000),
        new RepaymentEvent("r-2", "a-3", 1_767_600_000_000, "ledger-partner", "b-2", 1_767_000_000_000, BillState.Overdue, 40, 10_000, 0, null, null),
        new SyncCheckEvent("sync-coverage@1767600000000", "a-4", 1_767_600_060_000),
        new ReviewEvent("rev-1", "a-5", 1_767_600_000_000, "staff-7", ReviewKind.Appeal, ReviewOutcome.Clear, null, null, ["SPEND_SPIKE", "NEW_DEVICE"], "a-5:3"),
        new ReviewEvent("rev-2", "a-5", 1_767_600_000_001, "staff-8", ReviewKind.ManualReview, ReviewOutcome.Override, RiskLevel.Suspended, 1_767_700_000_000, [], null),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_account_event_type_round_trips(AccountEvent e)
    {
        var decoded = BufferedEventSerde.Decode(BufferedEventSerde.Encode(e));

        Assert.Equal(e, decoded);
        Assert.Equal(e.GetType(), decoded.GetType());
    }

    [Fact]
    public void A_format_1_value_with_its_wall_clock_buffering_time_still_reads()
    {
        var decoded = BufferedEventSerde.Decode(Encoding.UTF8.GetBytes(
            """{"v":1,"bufferedAt":7,"event":{"type":"sync-check","eventId":"s","accountId":"a","occurredAtMs":1}}"""));

        Assert.Equal(new SyncCheckEvent("s", "a", 1), decoded);
    }

    [Fact]
    public void The_format_is_versioned_json_with_a_type_discriminator()
    {
        var json = Encoding.UTF8.GetString(BufferedEventSerde.Encode(
            new LoginEvent("l-1", "a-2", 1_767_600_000_000, Success: true, "dev-2", MfaUsed: true, null, new GeoPoint(51.5, -0.125))));

        Assert.Equal(
            """{"v":2,"event":{"type":"login","success":true,"deviceId":"dev-2","mfaUsed":true,"location":{"latitude":51.5,"longitude":-0.125},"eventId":"l-1","accountId":"a-2","occurredAtMs":1767600000000}}""",
            json);
    }

    [Theory]
    [InlineData("""{"v":3,"event":{"type":"sync-check","eventId":"s","accountId":"a","occurredAtMs":1}}""", "format version 2 or 1, not 3")]
    [InlineData("""{"event":{"type":"sync-check","eventId":"s","accountId":"a","occurredAtMs":1}}""", "\"v\" before \"event\"")]
    [InlineData("""{"v":2,"event":{"type":"click","eventId":"s","accountId":"a","occurredAtMs":1}}""", "click")]
    [InlineData("""{"v":2,"bufferedAt":7,"event":{"type":"sync-check","eventId":"s","accountId":"a","occurredAtMs":1}}""", "no property 'bufferedAt'")]
    [InlineData("""{"v":2}""", "\"v\" and \"event\"")]
    [InlineData("""{"v":2,"extra":1}""", "no property 'extra'")]
    [InlineData("""[1]""", "an object")]
    public void Anything_else_is_a_format_error_saying_what_is_wrong(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => BufferedEventSerde.Decode(Encoding.UTF8.GetBytes(json)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
