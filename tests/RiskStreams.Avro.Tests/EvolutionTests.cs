using System.Buffers.Binary;
using Avro;
using Avro.Generic;
using Avro.IO;
using RiskStreams.Avro.Contracts;
using RiskStreams.Avro.Internal;
using static RiskStreams.Avro.Tests.Samples;

namespace RiskStreams.Avro.Tests;

/// <summary>
/// Data written by older and newer producers (schemas built here as JSON, registered with the
/// embedded registry, written with Apache.Avro's generic writer) read with today's contracts.
/// </summary>
public sealed class EvolutionTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private const string LoginFieldsBeforeCountry = """
        {"name": "eventId", "type": "string"},
        {"name": "accountId", "type": "string"},
        {"name": "occurredAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "outcome", "type": {"type": "enum", "name": "LoginOutcome", "symbols": ["SUCCESS", "FAILURE"]}},
        {"name": "failureReason", "type": ["null", "string"], "default": null},
        {"name": "deviceId", "type": "string"},
        {"name": "ipAddress", "type": ["null", "string"], "default": null}
        """;

    private const string OlderLogin = $$$"""
        {"type": "record", "name": "Login", "namespace": "riskstreams.events", "fields": [
          {{{LoginFieldsBeforeCountry}}},
          {"name": "channel", "type": {"type": "enum", "name": "LoginChannel", "symbols": ["APP", "WEB"]}},
          {"name": "mfaUsed", "type": "boolean"}
        ]}
        """;

    private const string NewerLogin = $$$"""
        {"type": "record", "name": "Login", "namespace": "riskstreams.events", "fields": [
          {{{LoginFieldsBeforeCountry}}},
          {"name": "country", "type": ["null", "string"], "default": null},
          {"name": "latitude", "type": ["null", "double"], "default": null},
          {"name": "longitude", "type": ["null", "double"], "default": null},
          {"name": "channel", "type": {"type": "enum", "name": "LoginChannel", "symbols": ["APP", "WEB", "KIOSK"]}},
          {"name": "mfaUsed", "type": "boolean"},
          {"name": "riskHint", "type": ["null", "string"], "default": null}
        ]}
        """;

    private const string NewerSyncStatus = """
        {"type": "record", "name": "SyncStatus", "namespace": "riskstreams.events", "fields": [
          {"name": "sourceSystem", "type": "string"},
          {"name": "syncedThrough", "type": {"type": "long", "logicalType": "timestamp-millis"}},
          {"name": "reportedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
          {"name": "pendingRecords", "type": "long", "default": 0},
          {"name": "region", "type": ["null", "string"], "default": null}
        ]}
        """;

    private static byte[] Write(int schemaId, RecordSchema schema, Action<GenericRecord> fill)
    {
        var record = new GenericRecord(schema);
        fill(record);
        using var buffer = new MemoryStream();
        Span<byte> header = stackalloc byte[5];
        BinaryPrimitives.WriteInt32BigEndian(header[1..], schemaId);
        buffer.Write(header);
        new GenericDatumWriter<GenericRecord>(schema).Write(record, new BinaryEncoder(buffer));
        return buffer.ToArray();
    }

    private static void FillLogin(GenericRecord record, string channel, bool newer)
    {
        var schema = record.Schema;
        record.Add("eventId", "lg-old");
        record.Add("accountId", "acc-1");
        record.Add("occurredAt", Millis(1_700_000_000_000));
        record.Add("outcome", new GenericEnum((EnumSchema)schema["outcome"].Schema, "FAILURE"));
        record.Add("failureReason", "locked");
        record.Add("deviceId", "dev-9");
        record.Add("ipAddress", null);
        record.Add("channel", new GenericEnum((EnumSchema)schema["channel"].Schema, channel));
        record.Add("mfaUsed", true);
        if (newer)
        {
            record.Add("country", "CN");
            record.Add("latitude", 39.9);
            record.Add("longitude", null);
            record.Add("riskHint", "new-field");
        }
    }

    [Fact]
    public async Task Login_from_an_older_writer_reads_later_added_optional_fields_as_their_defaults()
    {
        using var client = fixture.CreateClient();
        var subject = RegistryFixture.UniqueTopic("logins") + "-value";
        var olderId = await client.RegisterSchemaAsync(subject, OlderLogin);
        var currentId = await client.RegisterSchemaAsync(subject, Login._SCHEMA.ToString());
        Assert.Equal(olderId + 1, currentId);
        var payload = Write(olderId, (RecordSchema)Schema.Parse(OlderLogin), record => FillLogin(record, "WEB", newer: false));

        var login = new AvroDeserializer<Login>(client).Deserialize(payload, isNull: false, ValueOf("logins"));

        Assert.Equal("lg-old", login.eventId);
        Assert.Equal(LoginOutcome.FAILURE, login.outcome);
        Assert.Equal("locked", login.failureReason);
        Assert.Equal(LoginChannel.WEB, login.channel);
        Assert.True(login.mfaUsed);
        Assert.Null(login.country);
        Assert.Null(login.latitude);
        Assert.Null(login.longitude);
    }

    [Fact]
    public async Task Sync_status_from_a_newer_writer_skips_fields_the_reader_does_not_know()
    {
        using var client = fixture.CreateClient();
        var subject = RegistryFixture.UniqueTopic("status") + "-value";
        await client.RegisterSchemaAsync(subject, SyncStatus._SCHEMA.ToString());
        var newerId = await client.RegisterSchemaAsync(subject, NewerSyncStatus);
        Assert.Equal(2, (await client.GetLatestSchemaAsync(subject)).Version);
        var payload = Write(newerId, (RecordSchema)Schema.Parse(NewerSyncStatus), record =>
        {
            record.Add("sourceSystem", "L2");
            record.Add("syncedThrough", Millis(5_000));
            record.Add("pendingRecords", 123_456_789L);
            record.Add("reportedAt", Millis(6_000));
            record.Add("region", "cn-north");
        });

        var status = new AvroDeserializer<SyncStatus>(client).Deserialize(payload, isNull: false, ValueOf("status"));

        Assert.Equal("L2", status.sourceSystem);
        Assert.Equal(Millis(5_000), status.syncedThrough);
        Assert.Equal(Millis(6_000), status.reportedAt);
    }

    [Fact]
    public async Task Login_from_a_newer_writer_with_an_added_enum_symbol_reads_known_symbols_and_rejects_the_new_one()
    {
        using var client = fixture.CreateClient();
        var subject = RegistryFixture.UniqueTopic("logins") + "-value";
        await client.RegisterSchemaAsync(subject, Login._SCHEMA.ToString());
        var newerId = await client.RegisterSchemaAsync(subject, NewerLogin);
        var schema = (RecordSchema)Schema.Parse(NewerLogin);
        var deserializer = new AvroDeserializer<Login>(client);

        var known = deserializer.Deserialize(Write(newerId, schema, r => FillLogin(r, "WEB", newer: true)), false, ValueOf("logins"));
        var error = Assert.Throws<AvroSerdeException>(() =>
            deserializer.Deserialize(Write(newerId, schema, r => FillLogin(r, "KIOSK", newer: true)), false, ValueOf("logins")));

        Assert.Equal(LoginChannel.WEB, known.channel);
        Assert.Equal("CN", known.country);
        Assert.Equal(39.9, known.latitude);
        Assert.Equal(AvroSerdeErrorReason.SchemaMismatch, error.Reason);
        Assert.Equal(newerId, error.SchemaId);
        Assert.Contains("KIOSK", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_enum_symbol_maps_to_the_reader_enum_default_when_it_has_one()
    {
        var readerJson = Login._SCHEMA.ToString();
        var withDefault = readerJson.Replace("\"symbols\":[\"APP\",\"WEB\"]", "\"symbols\":[\"APP\",\"WEB\"],\"default\":\"APP\"", StringComparison.Ordinal);
        Assert.NotEqual(readerJson, withDefault);
        var writer = (RecordSchema)Schema.Parse(NewerLogin);
        var payload = Write(0, writer, r => FillLogin(r, "KIOSK", newer: true));

        var reader = new ContractDatumReader(writer, Schema.Parse(withDefault));
        var login = Assert.IsType<Login>(reader.ReadValue(new BinaryDecoder(new MemoryStream(payload[5..]))));

        Assert.Equal(LoginChannel.APP, login.channel);
        Assert.Equal(LoginOutcome.FAILURE, login.outcome);
    }

    [Fact]
    public async Task Int_written_by_an_older_schema_is_promoted_to_the_readers_long()
    {
        using var client = fixture.CreateClient();
        var subject = RegistryFixture.UniqueTopic("repayments") + "-value";
        var olderJson = RepaymentSync._SCHEMA.ToString().Replace(
            "{\"name\":\"amountDueMinor\",\"type\":\"long\"}", "{\"name\":\"amountDueMinor\",\"type\":\"int\"}", StringComparison.Ordinal);
        var olderId = await client.RegisterSchemaAsync(subject, olderJson);
        await client.RegisterSchemaAsync(subject, RepaymentSync._SCHEMA.ToString());
        var older = (RecordSchema)Schema.Parse(olderJson);
        Assert.Equal(Schema.Type.Int, older["amountDueMinor"].Schema.Tag);
        var expected = SampleRepaymentSync(optionalsSet: true);
        var payload = Write(olderId, older, record =>
        {
            foreach (var field in older.Fields)
            {
                var value = expected.Get(((RecordSchema)RepaymentSync._SCHEMA)[field.Name].Pos);
                record.Add(field.Name, field.Name switch
                {
                    "amountDueMinor" => (int)expected.amountDueMinor,
                    "status" => new GenericEnum((EnumSchema)field.Schema, value.ToString()),
                    _ => value,
                });
            }
        });

        var read = new AvroDeserializer<RepaymentSync>(client).Deserialize(payload, isNull: false, ValueOf("repayments"));

        AssertEqualRecords(expected, read);
    }

    [Fact]
    public async Task Writer_whose_field_type_cannot_be_resolved_is_a_schema_mismatch()
    {
        using var client = fixture.CreateClient();
        var json = Login._SCHEMA.ToString().Replace("{\"name\":\"mfaUsed\",\"type\":\"boolean\"}", "{\"name\":\"mfaUsed\",\"type\":\"string\"}", StringComparison.Ordinal);
        var id = await client.RegisterSchemaAsync(RegistryFixture.UniqueTopic("other") + "-value", json);
        var schema = (RecordSchema)Schema.Parse(json);
        var payload = Write(id, schema, record =>
        {
            FillLogin(record, "APP", newer: false);
            record.Add("mfaUsed", "yes");
            record.Add("country", null);
            record.Add("latitude", null);
            record.Add("longitude", null);
        });

        var error = Assert.Throws<AvroSerdeException>(() => new AvroDeserializer<Login>(client).Deserialize(payload, false, ValueOf("logins")));

        Assert.Equal(AvroSerdeErrorReason.SchemaMismatch, error.Reason);
        Assert.Equal(id, error.SchemaId);
        Assert.Contains("RiskStreams.Avro.Contracts.Login.mfaUsed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_record_of_another_type_is_a_schema_mismatch()
    {
        using var client = fixture.CreateClient();
        var topic = RegistryFixture.UniqueTopic("status");
        var payload = new AvroSerializer<SyncStatus>(client).Serialize(SampleSyncStatus(), ValueOf(topic));

        var error = Assert.Throws<AvroSerdeException>(() => new AvroDeserializer<Login>(client).Deserialize(payload, false, ValueOf(topic)));

        Assert.Equal(AvroSerdeErrorReason.SchemaMismatch, error.Reason);
        Assert.Contains("RiskStreams.Avro.Contracts.SyncStatus", error.Message, StringComparison.Ordinal);
    }
}
