using Avro.Specific;
using RiskStreams.Avro.Contracts;
using static RiskStreams.Avro.Tests.Samples;

namespace RiskStreams.Avro.Tests;

/// <summary>
/// Serialized bytes against vectors computed by hand from the Avro specification: zig-zag varints
/// for int/long/enum ordinal/union index/lengths, little-endian IEEE doubles, blocks for arrays and maps.
/// </summary>
public sealed class WireFormatTests
{
    private static (AvroSerializer<T> Serializer, AvroDeserializer<T> Deserializer, SchemaRegistryClient Client) Serdes<T>(int id)
        where T : class, ISpecificRecord, new()
    {
        var client = new SchemaRegistryClient(
            new SchemaRegistryOptions { Url = "http://registry.invalid:8081" },
            new StubRegistryHandler(id, new T().Schema.ToString()),
            disposeHandler: true);
        return (new AvroSerializer<T>(client), new AvroDeserializer<T>(client), client);
    }

    [Fact]
    public void Serialized_sync_status_has_magic_byte_big_endian_schema_id_and_zigzag_body()
    {
        var (serializer, _, client) = Serdes<SyncStatus>(258);
        using var _ = client;
        var status = new SyncStatus { sourceSystem = "L1", syncedThrough = Millis(1000), reportedAt = Millis(2000) };

        var bytes = serializer.Serialize(status, ValueOf("repayment.sync.status"));

        // magic | id 258 = 0x00000102 | "L1": length 2 -> zigzag 4 | 1000 -> zigzag 2000 = 0x7D0 -> D0 0F | 2000 -> 4000 = 0xFA0 -> A0 1F
        Assert.Equal(Convert.FromHexString("0000000102" + "044C31" + "D00F" + "A01F"), bytes);
    }

    [Fact]
    public void Serialized_login_has_magic_byte_big_endian_schema_id_and_union_indexes()
    {
        var (serializer, _, client) = Serdes<Login>(7);
        using var _ = client;
        var login = new Login
        {
            eventId = "e",
            accountId = "a",
            occurredAt = Millis(1),
            outcome = LoginOutcome.FAILURE,
            failureReason = "x",
            deviceId = "d",
            ipAddress = null,
            country = "CN",
            latitude = 1.5,
            longitude = null,
            channel = LoginChannel.WEB,
            mfaUsed = true,
        };

        var bytes = serializer.Serialize(login, ValueOf("account.logins"));

        var expected =
            "0000000007" + // magic 0, schema id 7
            "0265" + "0261" + // eventId "e", accountId "a"
            "02" + // occurredAt 1 ms -> zigzag 2
            "02" + // outcome FAILURE: ordinal 1 -> 2
            "02" + "0278" + // failureReason: union index 1 (string) -> 2, then "x"
            "0264" + // deviceId "d"
            "00" + // ipAddress: union index 0 (null)
            "02" + "04434E" + // country: index 1, "CN"
            "02" + "000000000000F83F" + // latitude: index 1, 1.5 as little-endian IEEE 754
            "00" + // longitude: null
            "02" + // channel WEB: ordinal 1
            "01"; // mfaUsed true
        Assert.Equal(Convert.FromHexString(expected), bytes);
    }

    [Fact]
    public void Serialized_login_with_optionals_unset_writes_union_index_zero()
    {
        var (serializer, _, client) = Serdes<Login>(7);
        using var _ = client;
        var login = new Login
        {
            eventId = "e",
            accountId = "a",
            occurredAt = Millis(1),
            outcome = LoginOutcome.SUCCESS,
            deviceId = "d",
            channel = LoginChannel.APP,
            mfaUsed = false,
        };

        var bytes = serializer.Serialize(login, ValueOf("account.logins"));

        Assert.Equal(Convert.FromHexString("0000000007" + "0265" + "0261" + "02" + "00" + "00" + "0264" + "00" + "00" + "00" + "00" + "00" + "00"), bytes);
    }

    [Fact]
    public void Serialized_risk_level_change_encodes_enum_ordinals_array_and_map_blocks()
    {
        var (serializer, _, client) = Serdes<RiskLevelChanged>(1);
        using var _ = client;
        var change = new RiskLevelChanged
        {
            accountId = "a",
            version = 1,
            changeId = "a:1",
            previousLevel = RiskLevel.NORMAL,
            level = RiskLevel.SUSPENDED,
            score = 90,
            reasons = [new RiskReason { code = "C", message = "M", evidence = new Dictionary<string, string> { ["k"] = "v" } }],
            actions = [RiskAction.SUSPEND_CREDIT],
            appealable = true,
            policyVersion = "p",
            triggeringEventId = "t",
            triggeringStream = "s",
            eventTime = Millis(0),
            decidedAt = Millis(64),
        };

        var bytes = serializer.Serialize(change, ValueOf("risk.level.changes"));

        var expected =
            "0000000001" +
            "0261" + // accountId "a"
            "02" + // version 1
            "06613A31" + // changeId "a:1"
            "00" + // previousLevel NORMAL (0)
            "06" + // level SUSPENDED (3 -> 6)
            "B401" + // score 90 -> zigzag 180 = 0xB4 -> B4 01
            "02" + "0243" + "024D" + "02" + "026B" + "0276" + "00" + "00" + // reasons: 1 item {code C, message M, evidence: 1 entry k->v, end}, end
            "02" + "06" + "00" + // actions: 1 item SUSPEND_CREDIT (3 -> 6), end
            "01" + // appealable
            "0270" + "0274" + "0273" + // policyVersion p, triggeringEventId t, triggeringStream s
            "00" + // eventTime 0
            "8001"; // decidedAt 64 -> zigzag 128 -> 80 01
        Assert.Equal(Convert.FromHexString(expected), bytes);
    }

    [Fact]
    public void Hand_computed_sync_status_bytes_deserialize_to_the_record()
    {
        var (_, deserializer, client) = Serdes<SyncStatus>(258);
        using var _ = client;

        var status = deserializer.Deserialize(Convert.FromHexString("0000000102044C31D00FA01F"), isNull: false, ValueOf("repayment.sync.status"));

        Assert.Equal("L1", status.sourceSystem);
        Assert.Equal(Millis(1000), status.syncedThrough);
        Assert.Equal(Millis(2000), status.reportedAt);
        Assert.Equal(DateTimeKind.Utc, status.reportedAt.Kind);
    }

    [Fact]
    public void Null_record_serializes_to_null_and_null_payload_deserializes_to_null()
    {
        var (serializer, deserializer, client) = Serdes<SyncStatus>(258);
        using var _ = client;

        Assert.Null(serializer.Serialize(null!, ValueOf("repayment.sync.status")));
        Assert.Null(deserializer.Deserialize(ReadOnlySpan<byte>.Empty, isNull: true, ValueOf("repayment.sync.status")));
    }

    [Fact]
    public void Record_with_null_required_field_fails_as_invalid_record()
    {
        var (serializer, _, client) = Serdes<SyncStatus>(258);
        using var _ = client;
        var status = new SyncStatus { sourceSystem = null, syncedThrough = Millis(1), reportedAt = Millis(2) };

        var error = Assert.Throws<AvroSerdeException>(() => serializer.Serialize(status, ValueOf("repayment.sync.status")));

        Assert.Equal(AvroSerdeErrorReason.InvalidRecord, error.Reason);
        Assert.Equal(258, error.SchemaId);
    }
}
