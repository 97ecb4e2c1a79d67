using Avro.Specific;
using RiskStreams.Avro.Contracts;
using static RiskStreams.Avro.Tests.Samples;

namespace RiskStreams.Avro.Tests;

/// <summary>Every contract through serializer → embedded registry over HTTP → deserializer.</summary>
public sealed class RoundTripTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private T RoundTrip<T>(T record)
        where T : class, ISpecificRecord
    {
        using var client = fixture.CreateClient();
        var topic = RegistryFixture.UniqueTopic(typeof(T).Name);
        var bytes = new AvroSerializer<T>(client).Serialize(record, ValueOf(topic));
        var read = new AvroDeserializer<T>(client).Deserialize(bytes, isNull: false, ValueOf(topic));
        AssertEqualRecords(record, read);
        return read;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Transaction_round_trips(bool optionalsSet)
    {
        var read = RoundTrip(SampleTransaction(optionalsSet));
        Assert.Equal(optionalsSet ? 31.2304 : null, read.latitude);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Login_round_trips(bool optionalsSet)
    {
        var read = RoundTrip(SampleLogin(optionalsSet));
        Assert.Equal(optionalsSet ? "bad password" : null, read.failureReason);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Repayment_sync_round_trips(bool optionalsSet)
    {
        var read = RoundTrip(SampleRepaymentSync(optionalsSet));
        Assert.Equal(optionalsSet ? 30_000L : null, read.outstandingMinor);
    }

    [Fact]
    public void Sync_status_round_trips() => RoundTrip(SampleSyncStatus());

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Risk_level_change_round_trips_with_and_without_reasons_evidence_and_actions(bool withReasons)
    {
        var read = RoundTrip(SampleRiskLevelChanged(withReasons));
        Assert.Equal(withReasons ? 2 : 0, read.reasons.Count);
        Assert.Equal(withReasons ? [RiskAction.SUSPEND_CREDIT, RiskAction.NOTIFY_CUSTOMER, RiskAction.OPEN_MANUAL_REVIEW] : [], read.actions);
        if (withReasons)
        {
            Assert.Equal("12", read.reasons[0].evidence["failures10m"]);
        }
    }

    [Fact]
    public void Serializer_registers_under_topic_value_subject_once_and_deserializer_fetches_schema_once()
    {
        var handler = new RecordingHandler();
        using var client = fixture.CreateClient(handler);
        var topic = RegistryFixture.UniqueTopic("logins");
        var serializer = new AvroSerializer<Login>(client);
        var deserializer = new AvroDeserializer<Login>(client);

        for (var i = 0; i < 3; i++)
        {
            deserializer.Deserialize(serializer.Serialize(SampleLogin(i % 2 == 0), ValueOf(topic)), isNull: false, ValueOf(topic));
        }

        Assert.Equal(
            [new RecordedRequest("POST", $"/subjects/{topic}-value/versions", null, SchemaRegistryClient.ContentType, Synchronous: true)],
            handler.Requests.Where(r => r.Method == "POST"));
        Assert.Single(handler.Requests, r => r.Path.StartsWith("/schemas/ids/", StringComparison.Ordinal));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Warm_up_registers_asynchronously_so_the_first_record_makes_no_request()
    {
        var handler = new RecordingHandler();
        using var client = fixture.CreateClient(handler);
        var topic = RegistryFixture.UniqueTopic("tx");
        var serializer = new AvroSerializer<Transaction>(client);

        await serializer.WarmUpAsync(topic);
        var bytes = serializer.Serialize(SampleTransaction(true), ValueOf(topic));

        var request = Assert.Single(handler.Requests);
        Assert.False(request.Synchronous);
        Assert.Equal($"/subjects/{topic}-value/versions", request.Path);
        var latest = await client.GetLatestSchemaAsync($"{topic}-value");
        Assert.Equal(latest.Id, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1, 4)));
    }

    [Fact]
    public void Key_component_uses_topic_key_subject()
    {
        var handler = new RecordingHandler();
        using var client = fixture.CreateClient(handler);
        var topic = RegistryFixture.UniqueTopic("status");

        new AvroSerializer<SyncStatus>(client).Serialize(SampleSyncStatus(), new Confluent.Kafka.SerializationContext(Confluent.Kafka.MessageComponentType.Key, topic));

        Assert.Equal($"/subjects/{topic}-key/versions", Assert.Single(handler.Requests).Path);
    }

    [Fact]
    public async Task Serializer_without_auto_register_uses_the_latest_version_id()
    {
        using var client = fixture.CreateClient();
        var topic = RegistryFixture.UniqueTopic("rp");
        var id = await client.RegisterSchemaAsync($"{topic}-value", RepaymentSync._SCHEMA.ToString());
        var serializer = new AvroSerializer<RepaymentSync>(client, AvroSerializerOptions.Default.WithAutoRegisterSchemas(false));

        var bytes = serializer.Serialize(SampleRepaymentSync(true), ValueOf(topic));

        Assert.Equal(id, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1, 4)));
    }

    [Fact]
    public async Task Serializer_without_auto_register_refuses_a_latest_version_that_is_not_its_schema()
    {
        using var client = fixture.CreateClient();
        var topic = RegistryFixture.UniqueTopic("rp");
        await client.RegisterSchemaAsync($"{topic}-value", SyncStatus._SCHEMA.ToString());
        var serializer = new AvroSerializer<RepaymentSync>(client, new AvroSerializerOptions { AutoRegisterSchemas = false });

        var error = Assert.Throws<InvalidOperationException>(() => serializer.Serialize(SampleRepaymentSync(true), ValueOf(topic)));
        Assert.Contains($"{topic}-value", error.Message, StringComparison.Ordinal);
    }
}
