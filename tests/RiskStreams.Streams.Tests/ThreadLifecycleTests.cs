using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using RiskStreams.DevStack;
using static RiskStreams.Streams.Tests.ChangelogTestKit;
using static RiskStreams.Streams.Tests.ExactlyOnceTestKit;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

/// <summary>Poison on the global thread, thread death and thread replacement, over the embedded cluster.</summary>
public sealed class ThreadLifecycleTests(EmbeddedKafkaFixture fixture) : IClassFixture<EmbeddedKafkaFixture>
{
    /// <summary>Text values; "bad" fails to deserialize.</summary>
    private static readonly Serde<string> Strict = Serde<string>.From(
        (_, v) => Encoding.UTF8.GetBytes(v),
        (_, data, _) => Encoding.UTF8.GetString(data) is "bad" ? throw new FormatException("value 'bad' is not accepted") : Encoding.UTF8.GetString(data));

    private EmbeddedKafkaCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_poison_record_on_a_global_topic_is_dead_lettered_at_start_and_later_and_the_global_table_goes_on()
    {
        var (customers, orders, output, dlq) = GlobalTopics("global-poison");
        await ProduceAsync(Cluster, customers, [("c1", "alice", 1, null), ("c2", "bad", 2, null), ("c3", "carol", 3, null)]);
        await using var streams = new KafkaStreams(EnrichTopology(customers, orders, output), Options(Cluster, Unique("global-poison")) with
        {
            DeadLetterTopic = dlq,
            DeserializationExceptionHandler = LogAndContinueExceptionHandler.Instance,
        });
        streams.Start();
        await UntilAsync(() => streams.State == StreamsState.Running, "the instance to run past the poison in the global topic");

        await ProduceAsync(Cluster, customers, [("c4", "bad", 4, null), ("c5", "erin", 5, null)]);
        var deadAfterStart = ReadAll(Cluster, dlq, 1, 2, Deserializers.Utf8, Deserializers.Utf8);
        await ProduceAsync(Cluster, orders, [("o1", "c1", 10, 0), ("o3", "c3", 11, 0), ("o5", "c5", 12, 0)]);

        var enriched = ReadAll(Cluster, output, 1, 3, Deserializers.Utf8, Deserializers.Utf8);
        Assert.Equal([("o1", "alice"), ("o3", "carol"), ("o5", "erin")], enriched.Select(r => (r.Message.Key, r.Message.Value)));
        Assert.Equal([("c2", "bad", "1"), ("c4", "bad", "3")],
            deadAfterStart.Select(r => (r.Message.Key, r.Message.Value, Header(r, DeadLetterHeaders.SourceOffset))));
        Assert.All(deadAfterStart, r => Assert.Equal(customers, Header(r, DeadLetterHeaders.SourceTopic)));
        Assert.All(deadAfterStart, r => Assert.Equal("value 'bad' is not accepted", Header(r, DeadLetterHeaders.ErrorMessage)));
        Assert.All(deadAfterStart, r => Assert.Equal("deserialization", Header(r, DeadLetterHeaders.Stage)));
        Assert.Equal(StreamsState.Running, streams.State);
    }

    [Fact]
    public async Task A_global_thread_that_dies_stops_the_instance_in_error_and_is_counted()
    {
        var (customers, orders, output, _) = GlobalTopics("global-death");
        var appId = Unique("global-death");
        await using var streams = new KafkaStreams(EnrichTopology(customers, orders, output), Options(Cluster, appId));
        using var deaths = new DeathCounter(appId);
        var states = new List<StreamsState>();
        streams.StateChanged += (_, s) => { lock (states) { states.Add(s); } };
        streams.Start();
        await UntilAsync(() => streams.State == StreamsState.Running, "the instance to run");

        await ProduceAsync(Cluster, customers, [("c1", "bad", 1, null)]);

        await UntilAsync(() => streams.State == StreamsState.Error, "the instance to stop in error");
        Assert.Contains($"The global thread failed to apply {customers}[0]@0: value 'bad' is not accepted", streams.Error!.Message, StringComparison.Ordinal);
        Assert.Equal([($"{appId}-GlobalStreamThread", "InvalidOperationException", "stopped")], deaths.Deaths);
        lock (states)
        {
            Assert.Equal([StreamsState.PendingError, StreamsState.Error], states.SkipWhile(s => s != StreamsState.PendingError));
        }
    }

    [Fact]
    public async Task A_fenced_thread_closes_its_tasks_and_a_new_thread_rejoins_the_group_and_keeps_processing()
    {
        var input = Unique("fence-in");
        var output = Unique("fence-out");
        Cluster.CreateTopic(input, 1);
        Cluster.CreateTopic(output, 1);
        var appId = Unique("fence");
        using var deaths = new DeathCounter(appId);
        var options = CountOptions(Cluster, appId) with { ProcessingGuarantee = ProcessingGuarantee.ExactlyOnceV2, CommitInterval = TimeSpan.FromMilliseconds(300) };
        await using var streams = await StartAsync(CountTopology(input, output), options);
        await ProduceAsync(Cluster, input, [("a", "v0", 1_000, 0)]);
        await UntilRecordsAsync(Cluster, output, 1, 1);

        // The next commit (EndTxn) is answered as a zombie's: another producer owns the transactional id now. A record
        // opens the transaction that commit ends.
        Cluster.FailNextRequests(EndTxnApiKey, ErrorCode.ProducerFenced);
        var fenced = System.Diagnostics.Stopwatch.StartNew();
        await ProduceAsync(Cluster, input, [("a", "v1", 1_500, 0)]);
        await UntilAsync(() => streams.ReplacedThreads == 1, "the fenced thread to be replaced");
        var replacedAfter = fenced.Elapsed;
        await ProduceAsync(Cluster, input, [("after-fence", "v2", 2_000, 0)]);

        await UntilAsync(() => ReadToEnd(Cluster.BootstrapServers, output, 1, IsolationLevel.ReadUncommitted, Deserializers.Int64).Contains(("after-fence", 1L)),
            "the new thread to process a record produced after the fencing");
        await UntilAsync(() => streams.State == StreamsState.Running, "the instance to run again");
        Console.WriteLine($"fencing: thread replaced {replacedAfter.TotalSeconds:0.0} s after the fenced commit was armed, processing again after {fenced.Elapsed.TotalSeconds:0.0} s");
        Assert.Null(streams.Error);
        Assert.Equal([($"{appId}-StreamThread-1", "TaskMigratedException", "replaced")], deaths.Deaths);
    }

    private (string Customers, string Orders, string Output, string DeadLetters) GlobalTopics(string prefix)
    {
        var topics = (Unique($"{prefix}-customers"), Unique($"{prefix}-orders"), Unique($"{prefix}-out"), Unique($"{prefix}-dlq"));
        Cluster.CreateTopic(topics.Item1, 1);
        Cluster.CreateTopic(topics.Item2, 1);
        Cluster.CreateTopic(topics.Item3, 1);
        Cluster.CreateTopic(topics.Item4, 1);
        return topics;
    }

    /// <summary>Orders (value = customer id) joined with the global customers table (value = name): key order id, value the name.</summary>
    private static Topology EnrichTopology(string customers, string orders, string output)
    {
        var builder = new StreamsBuilder();
        var table = builder.GlobalTable(customers, Consumed.With(Serdes.String, Strict));
        builder.Stream(orders, Consumed.With(Serdes.String, Serdes.String))
            .Join(table, (_, customer) => customer, (_, name) => name)
            .To(output, Produced.With(Serdes.String, Serdes.String));
        return builder.Build();
    }

    private static string Header(ConsumeResult<string, string> record, string key) =>
        Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(key));

    /// <summary>Listens to <c>riskstreams.streams.thread.deaths</c> for the threads of one application.</summary>
    private sealed class DeathCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Thread, string Error, string Action)> _deaths = [];

        public DeathCounter(string applicationId)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "riskstreams.streams.thread.deaths")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                var values = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString() ?? "");
                if (values["thread"].StartsWith(applicationId + "-", StringComparison.Ordinal))
                {
                    lock (_deaths)
                    {
                        _deaths.Add((values["thread"], values["error"], values["action"]));
                    }
                }
            });
            _listener.Start();
        }

        public List<(string Thread, string Error, string Action)> Deaths
        {
            get
            {
                lock (_deaths)
                {
                    return [.. _deaths];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
