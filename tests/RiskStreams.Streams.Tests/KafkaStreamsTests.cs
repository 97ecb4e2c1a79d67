using System.Collections.Concurrent;
using Confluent.Kafka;
using RiskStreams.DevStack;
using RiskStreams.Streams.Testing;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

public sealed class KafkaStreamsTests(EmbeddedKafkaFixture fixture) : IClassFixture<EmbeddedKafkaFixture>
{
    private static readonly string[] Vocabulary = ["kafka", "streams", "risk", "credit", "limit", "account", "repay", "sync"];

    private EmbeddedKafkaCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Word_count_with_group_by_over_four_partitions_gives_the_test_driver_output_per_key()
    {
        var (lines, counts, appId) = (Unique("lines"), Unique("counts"), Unique("wc"));
        Cluster.CreateTopic(lines, 4);
        Cluster.CreateTopic(counts, 4);
        var builder = new StreamsBuilder();
        builder.Stream(lines, Consumed.With(Serdes.String, Serdes.String))
            .FlatMapValues(line => line.Split(' '))
            .GroupBy((_, word) => word, Grouped.With(Serdes.String, Serdes.String).WithName("by-word"))
            .Count(Materialized.As<string, long>("word-counts"))
            .ToStream()
            .To(counts, Produced.With(Serdes.String, Serdes.Long));
        var topology = builder.Build();
        var input = Enumerable.Range(0, 60)
            .Select(i => ($"line-{i}", $"{Vocabulary[i % 8]} {Vocabulary[i * 3 % 8]} {Vocabulary[i * 5 % 7]}", 1_000L + (i * 10), (int?)null))
            .ToList();
        IReadOnlyList<TestRecord<string, long>> expected;
        using (var driver = new TopologyTestDriver(topology, new TopologyTestDriverOptions { ApplicationId = appId }))
        {
            var pipe = driver.CreateInputTopic(lines, Serdes.String, Serdes.String);
            foreach (var (key, value, timestamp, _) in input)
            {
                pipe.PipeInput(key, value, timestamp);
            }

            expected = driver.CreateOutputTopic(counts, Serdes.String, Serdes.Long).ReadRecordsToList();
        }

        var created = new ConcurrentQueue<(string Topic, int Partitions)>();
        await using var streams = new KafkaStreams(topology, Options(Cluster, appId, created));
        streams.Start();
        await ProduceAsync(Cluster, lines, input);
        var actual = ReadAll(Cluster, counts, 4, expected.Count, Deserializers.Utf8, Deserializers.Int64)
            .Select(r => new TestRecord<string, long>(r.Message.Key, r.Message.Value, r.Message.Timestamp.UnixTimestampMs))
            .ToList();

        Assert.Equal([($"{appId}-by-word-repartition", 4), ($"{appId}-word-counts-changelog", 4)], created);
        Assert.Equal(expected.Count, actual.Count);
        foreach (var word in expected.Select(r => r.Key).Distinct())
        {
            // Updates of one key come from one task in order; their input records came from different partitions,
            // so only the set of timestamps (not their order) is fixed.
            Assert.Equal(expected.Where(r => r.Key == word).Select(r => r.Value), actual.Where(r => r.Key == word).Select(r => r.Value));
            Assert.Equal(expected.Where(r => r.Key == word).Select(r => r.Timestamp).Order(), actual.Where(r => r.Key == word).Select(r => r.Timestamp).Order());
        }

        var finalCounts = expected.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        Assert.Equal(finalCounts.OrderBy(e => e.Key), streams.KeyValueStore<string, long>("word-counts").All().OrderBy(e => e.Key));
        Assert.True(streams.KeyValueStore<string, long>("word-counts").TryGet("kafka", out var kafka));
        Assert.Equal(finalCounts["kafka"], kafka);
    }

    [Fact]
    public async Task Records_of_co_partitioned_topics_are_processed_in_timestamp_order_within_a_task()
    {
        var (left, right, appId) = (Unique("left"), Unique("right"), Unique("order"));
        Cluster.CreateTopic(left, 2);
        Cluster.CreateTopic(right, 2);
        var seen = new ConcurrentQueue<Seen>();
        var builder = new StreamsBuilder();
        builder.Stream(left, Consumed.With(Serdes.String, Serdes.String))
            .Merge(builder.Stream(right, Consumed.With(Serdes.String, Serdes.String)))
            .Process(() => new Recorder(seen));
        var keys = Enumerable.Range(0, 6).Select(i => $"k{i}").ToList();

        // All of the left topic is written before any of the right one; timestamps interleave.
        await ProduceAsync(Cluster, left, Enumerable.Range(0, 30).Select(i => (keys[i % 6], $"l{i}", 10L + (i * 20), (int?)null)));
        await ProduceAsync(Cluster, right, Enumerable.Range(0, 30).Select(i => (keys[i % 6], $"r{i}", 20L + (i * 20), (int?)null)));
        await using var streams = new KafkaStreams(builder.Build(), Options(Cluster, appId));
        streams.Start();
        await UntilAsync(() => seen.Count >= 60, "60 records processed");

        Assert.Equal(60, seen.Count);
        foreach (var task in seen.GroupBy(s => s.Task))
        {
            Assert.Equal(task.Select(s => s.Timestamp).Order(), task.Select(s => s.Timestamp));
            Assert.Equal([left, right], task.Select(s => s.Topic).Distinct().Order());
        }
    }

    [Fact]
    public async Task Subtopology_sources_with_different_partition_counts_stop_the_start_in_error_naming_both()
    {
        var (left, right, appId) = (Unique("left"), Unique("right"), Unique("mismatch"));
        Cluster.CreateTopic(left, 2);
        Cluster.CreateTopic(right, 4);
        var builder = new StreamsBuilder();
        builder.Stream(left, Consumed.With(Serdes.String, Serdes.String))
            .Merge(builder.Stream(right, Consumed.With(Serdes.String, Serdes.String)))
            .To(Unique("out"));
        var states = new ConcurrentQueue<StreamsState>();
        await using var streams = new KafkaStreams(builder.Build(), Options(Cluster, appId));
        streams.StateChanged += (_, state) => states.Enqueue(state);

        streams.Start();
        await streams.Completion.WaitAsync(Deadline);
        await streams.CloseAsync().WaitAsync(Deadline);

        Assert.Equal(StreamsState.Error, streams.State);
        Assert.Equal([StreamsState.Rebalancing, StreamsState.PendingError, StreamsState.Error], states);
        var message = Assert.IsType<InvalidOperationException>(streams.Error).Message;
        Assert.Contains($"'{left}' (2 partitions)", message, StringComparison.Ordinal);
        Assert.Contains($"'{right}' (4 partitions)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clean_close_commits_offsets_so_a_restart_processes_only_new_records()
    {
        var (input, output, appId) = (Unique("in"), Unique("out"), Unique("restart"));
        Cluster.CreateTopic(input, 2);
        Cluster.CreateTopic(output, 2);
        static IEnumerable<(string, string, long, int?)> Batch(string prefix, int count) =>
            Enumerable.Range(0, count).Select(i => ($"k{i}", $"{prefix}{i}", 100L + i, (int?)(i % 2)));

        await ProduceAsync(Cluster, input, Batch("old", 10));
        var firstRun = await RunUntilOutputAsync(input, output, appId, outputs: 10);
        await ProduceAsync(Cluster, input, Batch("new", 6));
        var secondRun = await RunUntilOutputAsync(input, output, appId, outputs: 16);

        Assert.Equal(10, firstRun);

        // Both partitions got new records, so a restart from uncommitted offsets would have reprocessed old ones first.
        Assert.Equal(6, secondRun);
        var values = ReadAll(Cluster, output, 2, 16, Deserializers.Utf8, Deserializers.Utf8).Select(r => r.Message.Value).Order();
        Assert.Equal(Batch("OLD", 10).Concat(Batch("NEW", 6)).Select(r => r.Item2).Order(), values);
    }

    [Fact]
    public async Task Two_stream_threads_share_four_partitions_and_process_every_record_once()
    {
        var (a, b, output, appId) = (Unique("a"), Unique("b"), Unique("out"), Unique("threads"));
        Cluster.CreateTopic(a, 4);
        Cluster.CreateTopic(b, 4);
        Cluster.CreateTopic(output, 4);
        var seen = new ConcurrentQueue<Seen>();
        var builder = new StreamsBuilder();
        builder.Stream(a, Consumed.With(Serdes.String, Serdes.String))
            .Merge(builder.Stream(b, Consumed.With(Serdes.String, Serdes.String)))
            .Process(() => new Recorder(seen))
            .To(output, Produced.With(Serdes.String, Serdes.String));
        await using var streams = new KafkaStreams(builder.Build(), Options(Cluster, appId) with { NumStreamThreads = 2 });
        streams.Start();
        await UntilAsync(
            () => streams.State == StreamsState.Running && streams.LocalThreads is [{ ActiveTasks.Count: 2 }, { ActiveTasks.Count: 2 }],
            "both threads running two tasks each");

        await ProduceAsync(Cluster, a, Enumerable.Range(0, 100).Select(i => ($"k{i % 40}", $"a{i}", 1_000L + i, (int?)null)));
        await ProduceAsync(Cluster, b, Enumerable.Range(0, 100).Select(i => ($"k{i % 40}", $"b{i}", 1_000L + i, (int?)null)));
        var outputs = ReadAll(Cluster, output, 4, 200, Deserializers.Utf8, Deserializers.Utf8);

        Assert.Equal(200, outputs.Select(r => r.Message.Value).Distinct().Count());
        Assert.Equal(200, outputs.Count);
        Assert.Equal(200, seen.Count);
        Assert.Equal(2, seen.Select(s => s.Thread).Distinct().Count());
        Assert.Equal(4, seen.Select(s => s.Task).Distinct().Count());
        foreach (var task in seen.GroupBy(s => s.Task))
        {
            Assert.Single(task.Select(s => s.Thread).Distinct());
            Assert.Equal(2, task.Select(s => s.Topic).Distinct().Count());
        }
    }

    [Fact]
    public async Task Records_beyond_one_poll_and_one_partition_buffer_are_all_processed_once_in_timestamp_order()
    {
        var (left, right, output, appId) = (Unique("left"), Unique("right"), Unique("out"), Unique("bulk"));
        Cluster.CreateTopic(left, 1);
        Cluster.CreateTopic(right, 1);
        Cluster.CreateTopic(output, 1);

        // The left partition fills its buffer (fetching pauses) while the task waits for the right one's first fetch.
        await ProduceAsync(Cluster, left, Enumerable.Range(0, 12_000).Select(i => ("k", $"l{i}", (2L * i) + 2, (int?)0)));
        await ProduceAsync(Cluster, right, Enumerable.Range(0, 12).Select(i => ("k", $"r{i}", (2L * i * 1_000) + 1, (int?)0)));
        var builder = new StreamsBuilder();
        builder.Stream(left, Consumed.With(Serdes.String, Serdes.String))
            .Merge(builder.Stream(right, Consumed.With(Serdes.String, Serdes.String)))
            .To(output, Produced.With(Serdes.String, Serdes.String));
        await using var streams = new KafkaStreams(builder.Build(), Options(Cluster, appId));

        streams.Start();
        var timestamps = ReadAll(Cluster, output, 1, 12_012, Deserializers.Utf8, Deserializers.Utf8).Select(r => r.Message.Timestamp.UnixTimestampMs).ToList();

        Assert.Equal(12_012, timestamps.Count);
        Assert.Equal(timestamps.Order(), timestamps);
        Assert.Equal(12_012, timestamps.Distinct().Count());
    }

    [Fact]
    public async Task Processing_error_stops_the_instance_in_error_naming_the_task_and_record_and_commits_nothing_past_it()
    {
        var (input, appId) = (Unique("in"), Unique("failing"));
        Cluster.CreateTopic(input, 1);
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed.With(Serdes.String, Serdes.String))
            .MapValues(v => v == "boom" ? throw new FormatException("bad value") : v)
            .To(Unique("out"), Produced.With(Serdes.String, Serdes.String));
        await ProduceAsync(Cluster, input, [("k", "ok", 1L, 0), ("k", "boom", 2L, 0), ("k", "never", 3L, 0)]);
        await using var streams = new KafkaStreams(builder.Build(), Options(Cluster, appId));

        streams.Start();
        await streams.Completion.WaitAsync(Deadline);
        await streams.CloseAsync().WaitAsync(Deadline);

        Assert.Equal(StreamsState.Error, streams.State);
        var error = Assert.IsType<InvalidOperationException>(streams.Error);
        Assert.StartsWith($"Task 0_0 failed to process {input}[0]@1: bad value", error.Message, StringComparison.Ordinal);
        Assert.IsType<FormatException>(error.InnerException);
        using var reader = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = Cluster.BootstrapServers, GroupId = appId }).Build();
        var committed = reader.Committed([new TopicPartition(input, 0)], Deadline).Single().Offset;
        Assert.True(committed == Offset.Unset || committed.Value <= 1, $"Committed {committed} past the failed record at offset 1.");
    }

    /// <summary>Runs <paramref name="appId"/> over <paramref name="input"/> until <paramref name="outputs"/> records are in <paramref name="output"/>, closes it, and returns how many records it processed.</summary>
    private async Task<int> RunUntilOutputAsync(string input, string output, string appId, int outputs)
    {
        var processed = 0;
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed.With(Serdes.String, Serdes.String))
            .Peek((_, _) => Interlocked.Increment(ref processed))
            .MapValues(v => v.ToUpperInvariant())
            .To(output, Produced.With(Serdes.String, Serdes.String));
        var streams = new KafkaStreams(builder.Build(), Options(Cluster, appId));
        streams.Start();
        ReadAll(Cluster, output, 2, outputs, Deserializers.Utf8, Deserializers.Utf8);
        await streams.CloseAsync().WaitAsync(Deadline);
        Assert.Equal(StreamsState.NotRunning, streams.State);
        return Volatile.Read(ref processed);
    }

    private sealed record Seen(TaskId Task, string Topic, long Timestamp, string? Thread);

    /// <summary>Records, per record, the task, source topic, timestamp and thread that processed it, and forwards it.</summary>
    private sealed class Recorder(ConcurrentQueue<Seen> seen) : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string> _context = null!;

        public void Init(IProcessorContext<string, string> context) => _context = context;

        public void Process(Record<string, string> record)
        {
            seen.Enqueue(new Seen(_context.TaskId, _context.RecordMetadata!.Topic, record.Timestamp, Thread.CurrentThread.Name));
            _context.Forward(record);
        }
    }
}
