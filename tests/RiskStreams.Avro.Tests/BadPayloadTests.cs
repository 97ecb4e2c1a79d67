using System.Net;
using RiskStreams.Avro.Contracts;
using static RiskStreams.Avro.Tests.Samples;

namespace RiskStreams.Avro.Tests;

/// <summary>Payloads that can never be read fail with <see cref="AvroSerdeException"/> and the right reason.</summary>
public sealed class BadPayloadTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private const string Topic = "account.logins";

    private AvroSerdeException Fails(byte[] payload)
    {
        using var client = fixture.CreateClient();
        var deserializer = new AvroDeserializer<Login>(client);
        return Assert.Throws<AvroSerdeException>(() => deserializer.Deserialize(payload, isNull: false, ValueOf(Topic)));
    }

    private byte[] ValidLogin()
    {
        using var client = fixture.CreateClient();
        return new AvroSerializer<Login>(client).Serialize(SampleLogin(true), ValueOf(RegistryFixture.UniqueTopic("logins")));
    }

    [Fact]
    public void Empty_payload_is_not_wire_format()
    {
        var error = Fails([]);
        Assert.Equal(AvroSerdeErrorReason.NotWireFormat, error.Reason);
        Assert.Null(error.SchemaId);
    }

    [Fact]
    public void Three_byte_payload_is_not_wire_format() =>
        Assert.Equal(AvroSerdeErrorReason.NotWireFormat, Fails([0, 0, 1]).Reason);

    [Fact]
    public void Magic_byte_one_is_not_wire_format()
    {
        var payload = ValidLogin();
        payload[0] = 1;
        Assert.Equal(AvroSerdeErrorReason.NotWireFormat, Fails(payload).Reason);
    }

    [Fact]
    public void Unknown_schema_id_is_reported_with_the_id()
    {
        var error = Fails([0, 0, 0, 0x27, 0x0F, 0x02, 0x65]); // id 9999 = 0x270F
        Assert.Equal(AvroSerdeErrorReason.UnknownSchemaId, error.Reason);
        Assert.Equal(9999, error.SchemaId);
        Assert.Equal(40403, Assert.IsType<SchemaRegistryException>(error.InnerException).ErrorCode);
    }

    [Fact]
    public void Truncated_body_is_malformed()
    {
        var payload = ValidLogin();
        var error = Fails(payload[..^3]);
        Assert.Equal(AvroSerdeErrorReason.MalformedPayload, error.Reason);
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(1, 4)), error.SchemaId);
    }

    [Fact]
    public void Header_without_body_is_malformed() =>
        Assert.Equal(AvroSerdeErrorReason.MalformedPayload, Fails(ValidLogin()[..5]).Reason);

    [Fact]
    public void Trailing_bytes_after_the_body_are_malformed()
    {
        var error = Fails([.. ValidLogin(), 0x42]);
        Assert.Equal(AvroSerdeErrorReason.MalformedPayload, error.Reason);
        Assert.Contains("1 trailing byte", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_ordinal_beyond_the_writer_symbols_is_malformed()
    {
        using var client = fixture.CreateClient();
        var topic = RegistryFixture.UniqueTopic("status");
        var payload = new AvroSerializer<SyncStatus>(client).Serialize(SampleSyncStatus(), ValueOf(topic));
        var id = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(1, 4));
        var loginId = client.RegisterSchema(RegistryFixture.UniqueTopic("logins") + "-value", Login._SCHEMA.ToString());
        Assert.NotEqual(id, loginId);

        // A Login body whose outcome ordinal is 5 (zigzag 10) where the enum has 2 symbols.
        byte[] body = [0x02, 0x65, 0x02, 0x61, 0x02, 0x0A, 0x00, 0x02, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
        byte[] header = [0, .. BitConverter.IsLittleEndian ? BitConverter.GetBytes(loginId).Reverse() : BitConverter.GetBytes(loginId)];
        var error = Assert.Throws<AvroSerdeException>(() => new AvroDeserializer<Login>(client).Deserialize([.. header, .. body], false, ValueOf(Topic)));
        Assert.Equal(AvroSerdeErrorReason.MalformedPayload, error.Reason);
    }

    [Fact]
    public void Unreachable_registry_is_not_a_serde_error()
    {
        using var client = new SchemaRegistryClient(
            new SchemaRegistryOptions { Url = "http://127.0.0.1:1", RequestTimeout = TimeSpan.FromSeconds(5) });
        var deserializer = new AvroDeserializer<Login>(client);

        var error = Assert.Throws<SchemaRegistryUnavailableException>(() => deserializer.Deserialize([0, 0, 0, 0, 1, 0x02], isNull: false, ValueOf(Topic)));

        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.StartsWith("Writer schema 1 could not be fetched: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public void A_registry_failing_with_a_server_error_is_unavailable_not_a_serde_error(HttpStatusCode status)
    {
        using var client = new SchemaRegistryClient(new SchemaRegistryOptions { Url = "http://registry.invalid" }, new CannedHandler(status, "busy"), disposeHandler: true);

        var error = Assert.Throws<SchemaRegistryUnavailableException>(() => new AvroDeserializer<Login>(client).Deserialize([0, 0, 0, 0, 7, 0x02], false, ValueOf(Topic)));

        Assert.Equal(status, Assert.IsType<SchemaRegistryException>(error.InnerException).StatusCode);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public void A_registry_refusing_with_a_client_error_is_not_unavailable(HttpStatusCode status)
    {
        using var client = new SchemaRegistryClient(new SchemaRegistryOptions { Url = "http://registry.invalid" }, new CannedHandler(status, "no"), disposeHandler: true);

        var error = Assert.Throws<SchemaRegistryException>(() => new AvroDeserializer<Login>(client).Deserialize([0, 0, 0, 0, 7, 0x02], false, ValueOf(Topic)));

        Assert.Equal(status, error.StatusCode);
    }
}
