using System.Collections;
using Avro;
using Avro.Specific;
using Confluent.Kafka;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.Avro.Tests;

/// <summary>Sample contracts and helpers shared by the serde tests.</summary>
public static class Samples
{
    public static DateTime Millis(long epochMillis) => DateTime.UnixEpoch.AddMilliseconds(epochMillis);

    public static SerializationContext ValueOf(string topic) => new(MessageComponentType.Value, topic);

    public static Transaction SampleTransaction(bool optionalsSet) => new()
    {
        eventId = "tx-1",
        accountId = "acc-42",
        occurredAt = Millis(1_700_000_000_123),
        amountMinor = 12_345,
        currency = "CNY",
        merchantId = "m-9",
        merchantCategory = "5411",
        channel = TransactionChannel.POS,
        kind = TransactionKind.CASH_ADVANCE,
        status = TransactionStatus.DECLINED,
        deviceId = optionalsSet ? "dev-1" : null,
        ipAddress = optionalsSet ? "10.0.0.7" : null,
        country = optionalsSet ? "CN" : null,
        latitude = optionalsSet ? 31.2304 : null,
        longitude = optionalsSet ? -121.4737 : null,
    };

    public static Login SampleLogin(bool optionalsSet) => new()
    {
        eventId = "lg-1",
        accountId = "acc-42",
        occurredAt = Millis(1_700_000_000_456),
        outcome = optionalsSet ? LoginOutcome.FAILURE : LoginOutcome.SUCCESS,
        failureReason = optionalsSet ? "bad password" : null,
        deviceId = "dev-2",
        ipAddress = optionalsSet ? "192.168.1.1" : null,
        country = optionalsSet ? "SG" : null,
        latitude = optionalsSet ? 1.3521 : null,
        longitude = optionalsSet ? 103.8198 : null,
        channel = LoginChannel.WEB,
        mfaUsed = optionalsSet,
    };

    public static RepaymentSync SampleRepaymentSync(bool optionalsSet) => new()
    {
        eventId = "rp-1",
        accountId = "acc-42",
        occurredAt = Millis(1_700_000_001_000),
        syncedAt = Millis(1_700_000_002_000),
        sourceSystem = "ledger-a",
        billId = "bill-7",
        dueDate = Millis(1_699_900_000_000),
        amountDueMinor = 50_000,
        amountPaidMinor = 20_000,
        currency = "CNY",
        status = BillStatus.PARTIALLY_PAID,
        daysPastDue = 3,
        outstandingMinor = optionalsSet ? 30_000 : null,
        creditLimitMinor = optionalsSet ? 1_000_000 : null,
    };

    public static SyncStatus SampleSyncStatus() => new()
    {
        sourceSystem = "ledger-a",
        syncedThrough = Millis(1_700_000_000_000),
        reportedAt = Millis(1_700_000_000_999),
    };

    public static RiskLevelChanged SampleRiskLevelChanged(bool withReasons) => new()
    {
        accountId = "acc-42",
        version = 3,
        changeId = "acc-42:3",
        previousLevel = RiskLevel.WATCH,
        level = RiskLevel.SUSPENDED,
        score = 91,
        reasons = withReasons
            ?
            [
                new RiskReason
                {
                    code = "LOGIN_FAILURE_BURST",
                    message = "Many failed logins in 10 minutes.",
                    evidence = new Dictionary<string, string> { ["failures10m"] = "12", ["threshold"] = "5" },
                },
                new RiskReason { code = "OVERDUE_BILL", message = "A bill is 31 days overdue.", evidence = new Dictionary<string, string>() },
            ]
            : [],
        actions = withReasons ? [RiskAction.SUSPEND_CREDIT, RiskAction.NOTIFY_CUSTOMER, RiskAction.OPEN_MANUAL_REVIEW] : [],
        appealable = withReasons,
        policyVersion = "2025.1",
        triggeringEventId = "lg-1",
        triggeringStream = "logins",
        eventTime = Millis(1_700_000_000_456),
        decidedAt = Millis(1_700_000_000_500),
    };

    /// <summary>Compares two records field by field (the generated classes have no value equality).</summary>
    public static void AssertEqualRecords(ISpecificRecord expected, ISpecificRecord actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        foreach (var field in ((RecordSchema)expected.Schema).Fields)
        {
            AssertEqualValues(expected.Get(field.Pos), actual.Get(field.Pos), field.Name);
        }
    }

    private static void AssertEqualValues(object? expected, object? actual, string path)
    {
        switch (expected)
        {
            case ISpecificRecord record:
                AssertEqualRecords(record, Assert.IsAssignableFrom<ISpecificRecord>(actual));
                break;
            case IDictionary map:
                var actualMap = Assert.IsAssignableFrom<IDictionary>(actual);
                Assert.Equal(map.Count, actualMap.Count);
                foreach (DictionaryEntry entry in map)
                {
                    AssertEqualValues(entry.Value, actualMap[entry.Key], $"{path}[{entry.Key}]");
                }

                break;
            case IList list:
                var actualList = Assert.IsAssignableFrom<IList>(actual);
                Assert.Equal(list.Count, actualList.Count);
                for (var i = 0; i < list.Count; i++)
                {
                    AssertEqualValues(list[i], actualList[i], $"{path}[{i}]");
                }

                break;
            case DateTime time:
                var actualTime = Assert.IsType<DateTime>(actual);
                Assert.True(time == actualTime && actualTime.Kind == DateTimeKind.Utc, $"{path}: expected {time:O}, got {actualTime:O} ({actualTime.Kind})");
                break;
            default:
                Assert.True(Equals(expected, actual), $"{path}: expected '{expected}', got '{actual}'");
                break;
        }
    }
}
