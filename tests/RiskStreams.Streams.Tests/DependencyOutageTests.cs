using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using RiskStreams.DevStack;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

/// <summary>
/// A serde that meets an unavailable dependency (<see cref="DependencyUnavailableException"/>) holds its task back —
/// partitions paused, the record retried with backoff — instead of dead-lettering valid records; other tasks go on.
/// </summary>
public sealed class DependencyOutageTests(EmbeddedKafkaFixture fixture) : IClassFixture<EmbeddedKafkaFixture>, IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _metrics = new();
    private readonly string _app = Unique("outage");
    private volatile bool _registryDown;
    private int _refused;

    private EmbeddedKafkaCluster Cluster => fixture.Cluster;

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task A_record_meeting_an_outage_pauses_its_task_until_the_dependency_returns_and_nothing_is_dead_lettered()
    {
        var (input, output, dlq) = (Unique("in"), Unique("out"), Unique("dlq"));
        Cluster.CreateTopic(input, 2);
        Cluster.CreateTopic(output, 2);
        Cluster.CreateTopic(dlq, 1);
        ListenToMetrics();
        await using var streams = Start(input, output, dlq);
        await ProduceAsync(Cluster, input, [("a", "v1-a0", 1, 0), ("c", "v1-c0", 1, 1)]);
        Assert.Equal(2, ReadAll(Cluster, output, 2, 2, Deserializers.Utf8, Deserializers.Utf8).Count);

        // Partition 0 now carries a schema the serde cannot fetch while the registry is down; partition 1 does not.
        _registryDown = true;
        await ProduceAsync(Cluster, input, [("a", "v2-a1", 2, 0), ("a", "v1-a2", 3, 0), ("c", "v1-c1", 2, 1), ("c", "v1-c2", 3, 1)]);
        await UntilAsync(() => Volatile.Read(ref _refused) >= 3, "the held record to be retried with backoff");
        var duringOutage = ReadAll(Cluster, output, 2, 4, Deserializers.Utf8, Deserializers.Utf8);
        Assert.Equal(["V1-A0", "V1-C0", "V1-C1", "V1-C2"], duringOutage.Select(r => r.Message.Value).Order(StringComparer.Ordinal));
        Assert.Equal(1, Metric("riskstreams.streams.dependency.paused.partitions")); // task 0_0 reads one partition
        Assert.Equal(1, Metric("riskstreams.streams.dependency.pauses"));

        _registryDown = false;
        var all = ReadAll(Cluster, output, 2, 6, Deserializers.Utf8, Deserializers.Utf8);

        Assert.Equal(["V1-A0", "V2-A1", "V1-A2"], all.Where(r => r.Message.Key == "a").Select(r => r.Message.Value));
        Assert.Equal(["V1-C0", "V1-C1", "V1-C2"], all.Where(r => r.Message.Key == "c").Select(r => r.Message.Value));
        Assert.Equal(0, EndOffset(dlq));
        await UntilAsync(() => Metric("riskstreams.streams.dependency.paused.partitions") == 0, "the paused-partitions gauge to return to zero");
        Assert.Equal(1, Metric("riskstreams.streams.dependency.pauses"));
        Assert.Equal(StreamsState.Running, streams.State);
    }

    [Fact]
    public async Task A_global_record_meeting_an_outage_is_retried_until_the_dependency_returns_and_nothing_is_dead_lettered()
    {
        var (customers, orders, output, dlq) = (Unique("customers"), Unique("orders"), Unique("out"), Unique("dlq"));
        foreach (var topic in new[] { customers, orders, output, dlq })
        {
            Cluster.CreateTopic(topic, 1);
        }

        ListenToMetrics();
        var builder = new StreamsBuilder();
        var table = builder.GlobalTable(customers, Consumed.With(Serdes.String, RegistryBackedValues()));
        builder.Stream(orders, Consumed.With(Serdes.String, Serdes.String))
            .Join(table, (_, customer) => customer, (_, name) => name)
            .To(output, Produced.With(Serdes.String, Serdes.String));
        await using var streams = new KafkaStreams(builder.Build(), Options(Cluster, _app) with
        {
            DeadLetterTopic = dlq,
            DeserializationExceptionHandler = LogAndContinueExceptionHandler.Instance,
        });
        streams.Start();
        await ProduceAsync(Cluster, customers, [("c1", "v1-alice", 1, 0)]);
        await UntilAsync(() => streams.State == StreamsState.Running, "the instance to run");

        // c2's schema cannot be fetched while the registry is down; c3 comes after it in the same partition.
        _registryDown = true;
        await ProduceAsync(Cluster, customers, [("c2", "v2-bob", 2, 0), ("c3", "v1-carol", 3, 0)]);
        await UntilAsync(() => Volatile.Read(ref _refused) >= 3, "the held global record to be retried with backoff");
        Assert.Equal(1, Metric("riskstreams.streams.dependency.paused.partitions"));
        Assert.Equal(1, Metric("riskstreams.streams.dependency.pauses"));
        Assert.Equal(StreamsState.Running, streams.State);

        _registryDown = false;
        await UntilAsync(() => Metric("riskstreams.streams.dependency.paused.partitions") == 0, "the held global record to go through");
        await ProduceAsync(Cluster, orders, [("o1", "c1", 10, 0), ("o2", "c2", 11, 0), ("o3", "c3", 12, 0)]);

        var enriched = ReadAll(Cluster, output, 1, 3, Deserializers.Utf8, Deserializers.Utf8);
        Assert.Equal([("o1", "v1-alice"), ("o2", "v2-bob"), ("o3", "v1-carol")], enriched.Select(r => (r.Message.Key, r.Message.Value)));
        Assert.Equal(0, EndOffset(dlq));
        Assert.Equal(1, Metric("riskstreams.streams.dependency.pauses"));
        Assert.Equal(StreamsState.Running, streams.State);
    }

    /// <summary>Text values; a "v2" value needs the registry, which throws <see cref="DependencyUnavailableException"/> while down.</summary>
    private Serde<string> RegistryBackedValues() => Serde<string>.From(
        (_, v) => Encoding.UTF8.GetBytes(v),
        (_, data, _) =>
        {
            var text = Encoding.UTF8.GetString(data);
            if (_registryDown && text.StartsWith("v2", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _refused);
                throw new DependencyUnavailableException("registry down", new HttpRequestException("Connection refused"));
            }

            return text;
        });

    private KafkaStreams Start(string input, string output, string dlq)
    {
        var values = RegistryBackedValues();
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed.With(Serdes.String, values))
            .MapValues(v => v.ToUpperInvariant())
            .To(output, Produced.With(Serdes.String, Serdes.String));
        var streams = new KafkaStreams(builder.Build(), Options(Cluster, _app) with
        {
            DeadLetterTopic = dlq,
            DeserializationExceptionHandler = LogAndContinueExceptionHandler.Instance,
        });
        streams.Start();
        return streams;
    }

    private void ListenToMetrics()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "RiskStreams.Streams" && instrument.Name.StartsWith("riskstreams.streams.dependency.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "thread" && tag.Value is string thread && thread.StartsWith(_app, StringComparison.Ordinal))
                {
                    _metrics.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
                }
            }
        });
        _listener.Start();
    }

    private long Metric(string name) => _metrics.GetValueOrDefault(name);

    private long EndOffset(string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = Cluster.BootstrapServers, GroupId = Unique("probe") }).Build();
        return consumer.QueryWatermarkOffsets(new TopicPartition(topic, 0), Deadline).High.Value;
    }
}
