using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using RiskStreams.Avro.Contracts;
using static RiskStreams.Avro.Tests.Samples;
using ConfluentSerdes = Confluent.SchemaRegistry.Serdes;

namespace RiskStreams.Avro.Tests;

/// <summary>
/// What a downstream team does with Confluent's .NET serdes (2.16), over real TCP against the embedded
/// cluster and registry: read <c>risk.level.changes</c> as GenericRecord and as the generated class,
/// including records written before the contracts moved to the <c>RiskStreams.Avro.Contracts</c>
/// Avro namespace, and produce input events with auto-registration off (the lookup path) for our
/// deserializer.
/// </summary>
public sealed class DownstreamInteropTests(InteropFixture fixture) : IClassFixture<InteropFixture>
{
    private SchemaRegistryClient OurRegistry() => new(new SchemaRegistryOptions { Url = fixture.Registry.Url });

    private CachedSchemaRegistryClient ConfluentRegistry() => new(new SchemaRegistryConfig { Url = fixture.Registry.Url });

    /// <summary>The contract as it was before 1.0: Avro namespace <c>riskstreams.events</c>, no aliases.</summary>
    private static string LegacySchema(global::Avro.Schema contract) => Regex.Replace(
        contract.ToString().Replace("\"RiskStreams.Avro.Contracts\"", "\"riskstreams.events\"", StringComparison.Ordinal),
        "\"aliases\":\\[[^\\]]*\\],",
        string.Empty);

    private async Task ProduceAsync<T>(string topic, ISerializer<T> serializer, params (string Key, T Value)[] records)
    {
        using var producer = new ProducerBuilder<string, T>(fixture.ProducerConfig()).SetValueSerializer(serializer).Build();
        foreach (var (key, value) in records)
        {
            await producer.ProduceAsync(topic, new Message<string, T> { Key = key, Value = value });
        }
    }

    [Fact]
    public async Task Confluent_generic_deserializer_reads_every_field_of_a_level_change_we_wrote()
    {
        const string topic = ContractTopics.LevelChanges;
        fixture.Cluster.CreateTopic(topic, 1);
        using var ours = OurRegistry();
        await ProduceAsync(topic, new AvroSerializer<RiskLevelChanged>(ours), ("acc-42", SampleRiskLevelChanged(withReasons: true)));
        using var confluent = ConfluentRegistry();

        var record = Assert.Single(fixture.Consume(topic, new ConfluentSerdes.AvroDeserializer<GenericRecord>(confluent).AsSyncOverAsync(), 1));

        Assert.Equal("RiskStreams.Avro.Contracts.RiskLevelChanged", record.Schema.Fullname);
        Assert.Equal("acc-42", record["accountId"]);
        Assert.Equal(3L, record["version"]);
        Assert.Equal("acc-42:3", record["changeId"]);
        Assert.Equal("WATCH", ((GenericEnum)record["previousLevel"]).Value);
        Assert.Equal("SUSPENDED", ((GenericEnum)record["level"]).Value);
        Assert.Equal(91, record["score"]);
        var reasons = Assert.IsType<object[]>(record["reasons"]);
        Assert.Equal(2, reasons.Length);
        var first = (GenericRecord)reasons[0];
        Assert.Equal("LOGIN_FAILURE_BURST", first["code"]);
        Assert.Equal("Many failed logins in 10 minutes.", first["message"]);
        Assert.Equal(new Dictionary<string, object> { ["failures10m"] = "12", ["threshold"] = "5" }, first["evidence"]);
        Assert.Equal("OVERDUE_BILL", ((GenericRecord)reasons[1])["code"]);
        Assert.Empty((IDictionary<string, object>)((GenericRecord)reasons[1])["evidence"]);
        Assert.Equal(
            ["SUSPEND_CREDIT", "NOTIFY_CUSTOMER", "OPEN_MANUAL_REVIEW"],
            ((object[])record["actions"]).Select(a => ((GenericEnum)a).Value));
        Assert.Equal(true, record["appealable"]);
        Assert.Equal("2025.1", record["policyVersion"]);
        Assert.Equal("lg-1", record["triggeringEventId"]);
        Assert.Equal("logins", record["triggeringStream"]);
        Assert.Equal(Millis(1_700_000_000_456), record["eventTime"]);
        Assert.Equal(Millis(1_700_000_000_500), record["decidedAt"]);
    }

    [Fact]
    public async Task Confluent_specific_deserializer_reads_level_changes_into_the_generated_class()
    {
        var topic = RegistryFixture.UniqueTopic(ContractTopics.LevelChanges);
        fixture.Cluster.CreateTopic(topic, 1);
        using var ours = OurRegistry();
        var withReasons = SampleRiskLevelChanged(withReasons: true);
        var without = SampleRiskLevelChanged(withReasons: false);
        await ProduceAsync(topic, new AvroSerializer<RiskLevelChanged>(ours), ("acc-42", withReasons), ("acc-42", without));
        using var confluent = ConfluentRegistry();

        var read = fixture.Consume(topic, new ConfluentSerdes.AvroDeserializer<RiskLevelChanged>(confluent).AsSyncOverAsync(), 2);

        AssertEqualRecords(withReasons, read[0]);
        AssertEqualRecords(without, read[1]);
        Assert.Equal("A bill is 31 days overdue.", read[0].reasons[1].message);
        Assert.Equal(RiskLevel.SUSPENDED, read[0].level);
        Assert.Equal([RiskAction.SUSPEND_CREDIT, RiskAction.NOTIFY_CUSTOMER, RiskAction.OPEN_MANUAL_REVIEW], read[0].actions);
    }

    [Fact]
    public async Task Records_written_with_the_pre_1_0_namespace_stay_readable_and_the_new_schema_is_a_compatible_version()
    {
        var topic = RegistryFixture.UniqueTopic(ContractTopics.LevelChanges);
        var subject = topic + "-value";
        fixture.Cluster.CreateTopic(topic, 1);
        using var ours = OurRegistry();
        var legacySchema = LegacySchema(RiskLevelChanged._SCHEMA);
        Assert.DoesNotContain("RiskStreams.Avro.Contracts", legacySchema, StringComparison.Ordinal);
        var legacyId = await ours.RegisterSchemaAsync(subject, legacySchema);
        var sample = SampleRiskLevelChanged(withReasons: true);

        // Avro binary carries no names: a pre-1.0 producer wrote the same bytes under the legacy schema id.
        var current = new AvroSerializer<RiskLevelChanged>(ours).Serialize(sample, ValueOf(topic));
        var legacy = (byte[])current.Clone();
        BinaryPrimitives.WriteInt32BigEndian(legacy.AsSpan(1, 4), legacyId);
        await ProduceAsync(topic, Serializers.ByteArray, ("acc-42", legacy), ("acc-42", current));
        using var confluent = ConfluentRegistry();

        var read = fixture.Consume(topic, new ConfluentSerdes.AvroDeserializer<RiskLevelChanged>(confluent).AsSyncOverAsync(), 2);

        Assert.Equal([1, 2], await confluent.GetSubjectVersionsAsync(subject));
        Assert.NotEqual(legacyId, BinaryPrimitives.ReadInt32BigEndian(current.AsSpan(1, 4)));
        AssertEqualRecords(sample, read[0]);
        AssertEqualRecords(sample, read[1]);
    }

    [Fact]
    public async Task Confluent_serializer_with_auto_registration_off_finds_our_schema_by_lookup_and_we_read_its_records()
    {
        var topic = RegistryFixture.UniqueTopic(ContractTopics.Transactions);
        fixture.Cluster.CreateTopic(topic, 1);
        using var ours = OurRegistry();
        await new AvroSerializer<Transaction>(ours).WarmUpAsync(topic);
        var registeredId = (await ours.GetLatestSchemaAsync(topic + "-value")).Id;
        using var confluent = ConfluentRegistry();
        var lookupOnly = new ConfluentSerdes.AvroSerializer<Transaction>(confluent, new ConfluentSerdes.AvroSerializerConfig { AutoRegisterSchemas = false });
        var full = SampleTransaction(optionalsSet: true);
        var sparse = SampleTransaction(optionalsSet: false);

        var payload = await lookupOnly.SerializeAsync(full, ValueOf(topic));
        await ProduceAsync(topic, lookupOnly.AsSyncOverAsync(), ("acc-42", full), ("acc-42", sparse));
        var read = fixture.Consume(topic, new AvroDeserializer<Transaction>(ours), 2);

        Assert.Equal(registeredId, BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(1, 4)));
        AssertEqualRecords(full, read[0]);
        AssertEqualRecords(sparse, read[1]);
        Assert.Equal([1], await confluent.GetSubjectVersionsAsync(topic + "-value"));
    }

    [Fact]
    public async Task Schema_auto_registered_by_Confluent_serializer_is_the_one_our_lookup_only_serializer_expects()
    {
        var topic = RegistryFixture.UniqueTopic(ContractTopics.Logins);
        fixture.Cluster.CreateTopic(topic, 1);
        using var confluent = ConfluentRegistry();
        var registering = new ConfluentSerdes.AvroSerializer<Login>(confluent);
        var sample = SampleLogin(optionalsSet: true);
        await ProduceAsync(topic, registering.AsSyncOverAsync(), ("acc-42", sample));
        using var ours = OurRegistry();

        var ourPayload = new AvroSerializer<Login>(ours, AvroSerializerOptions.Default.WithAutoRegisterSchemas(false)).Serialize(sample, ValueOf(topic));
        var read = Assert.Single(fixture.Consume(topic, new AvroDeserializer<Login>(ours), 1));

        Assert.Equal((await confluent.GetLatestSchemaAsync(topic + "-value")).Id, BinaryPrimitives.ReadInt32BigEndian(ourPayload.AsSpan(1, 4)));
        Assert.Equal([1], await confluent.GetSubjectVersionsAsync(topic + "-value"));
        AssertEqualRecords(sample, read);
    }

    [Fact]
    public async Task Confluent_serializer_using_the_latest_version_writes_with_the_latest_registered_id()
    {
        var topic = RegistryFixture.UniqueTopic(ContractTopics.SyncStatus);
        var subject = topic + "-value";
        using var ours = OurRegistry();
        var legacyId = await ours.RegisterSchemaAsync(subject, LegacySchema(SyncStatus._SCHEMA));
        await new AvroSerializer<SyncStatus>(ours).WarmUpAsync(topic);
        var latestId = (await ours.GetLatestSchemaAsync(subject)).Id;
        using var confluent = ConfluentRegistry();
        var latest = new ConfluentSerdes.AvroSerializer<SyncStatus>(
            confluent, new ConfluentSerdes.AvroSerializerConfig { AutoRegisterSchemas = false, UseLatestVersion = true });

        var payload = await latest.SerializeAsync(SampleSyncStatus(), ValueOf(topic));

        Assert.NotEqual(legacyId, latestId);
        Assert.Equal(latestId, BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(1, 4)));
        AssertEqualRecords(SampleSyncStatus(), new AvroDeserializer<SyncStatus>(ours).Deserialize(payload, false, ValueOf(topic)));
    }

    [Fact]
    public async Task Confluent_serializer_with_auto_registration_off_fails_on_an_unregistered_subject()
    {
        var topic = RegistryFixture.UniqueTopic(ContractTopics.Logins);
        using var confluent = ConfluentRegistry();
        var lookupOnly = new ConfluentSerdes.AvroSerializer<Login>(confluent, new ConfluentSerdes.AvroSerializerConfig { AutoRegisterSchemas = false });

        var error = await Assert.ThrowsAsync<Confluent.SchemaRegistry.SchemaRegistryException>(() => lookupOnly.SerializeAsync(SampleLogin(optionalsSet: true), ValueOf(topic)));

        Assert.Equal(40401, error.ErrorCode);
    }

    [Fact]
    public async Task Confluent_client_sets_and_reads_a_subject_compatibility_level()
    {
        var subject = RegistryFixture.UniqueTopic(ContractTopics.LevelChanges) + "-value";
        using var confluent = ConfluentRegistry();

        var set = await confluent.UpdateCompatibilityAsync(Compatibility.FullTransitive, subject);
        var read = await confluent.GetCompatibilityAsync(subject);
        var global = await confluent.GetCompatibilityAsync();

        Assert.Equal(Compatibility.FullTransitive, set);
        Assert.Equal(Compatibility.FullTransitive, read);
        Assert.Equal(Compatibility.Backward, global);
    }
}
