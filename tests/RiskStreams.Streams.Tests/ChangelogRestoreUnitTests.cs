using Confluent.Kafka;
using RiskStreams.Streams.Internal.Runtime.Kafka;
using RiskStreams.Streams.Internal.State;

namespace RiskStreams.Streams.Tests;

public sealed class ChangelogRestoreUnitTests
{
    [Fact]
    public void Position_header_round_trips_every_input_partition_and_large_offsets()
    {
        List<TopicPartitionOffset> position = [new("orders", 3, 0), new("app-by-customer-repartition", 3, 5_000_000_000), new("ünïcode", 300, 127)];

        var decoded = ChangelogHeaders.DecodePosition(ChangelogHeaders.EncodePosition(position));

        Assert.Equal(position, decoded);
    }

    [Fact]
    public void Position_header_of_an_unknown_version_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => ChangelogHeaders.DecodePosition([2, 0]));

        Assert.Equal("Unknown rs.pos header version 2.", error.Message);
    }

    [Fact]
    public void Checkpoint_round_trips_and_is_valid_only_when_not_ahead_of_the_committed_offsets()
    {
        var directory = Directory.CreateTempSubdirectory("rs-checkpoint").FullName;
        var input = new TopicPartition("orders", 1);
        new TaskCheckpoint(new Dictionary<string, long> { ["counts"] = 42 }, new Dictionary<TopicPartition, long> { [input] = 7 }).Write(directory);

        var read = TaskCheckpoint.Read(directory);

        Assert.NotNull(read);
        Assert.Equal(42, read.StoreOffsets["counts"]);
        Assert.Equal(7, read.Position[input]);
        Assert.True(read.NotAheadOf(new Dictionary<TopicPartition, long> { [input] = 7 }));
        Assert.True(read.NotAheadOf(new Dictionary<TopicPartition, long> { [input] = 9 }));
        Assert.False(read.NotAheadOf(new Dictionary<TopicPartition, long> { [input] = 6 }));
        Assert.False(read.NotAheadOf(new Dictionary<TopicPartition, long>()));
        TaskCheckpoint.Delete(directory);
        Assert.Null(TaskCheckpoint.Read(directory));
    }

    [Fact]
    public void Task_restoration_applies_records_up_to_the_committed_offset_and_takes_their_largest_stream_time()
    {
        var input = new TopicPartition("orders", 0);
        var queue = new RecordQueue(input);
        var task = new ActiveTask(null!, new PartitionGroup([queue], 0), "thread");
        var restoration = new TaskRestoration(task) { Committed = new Dictionary<TopicPartition, long> { [input] = 5 } };

        Assert.True(restoration.Accepts(Headers(new TopicPartitionOffset(input, 5), 300)));
        Assert.False(restoration.Accepts(Headers(new TopicPartitionOffset(input, 6), 900)));
        Assert.True(restoration.Accepts(Headers(new TopicPartitionOffset("no-longer-read", 0, 99), 200)));
        Assert.True(restoration.Accepts(null));
        Assert.Equal(300, restoration.StreamTime);
    }

    [Fact]
    public void Task_restoration_answers_repeated_and_alternating_positions_alike_and_rechecks_them_after_the_committed_offsets_change()
    {
        var input = new TopicPartition("orders", 0);
        var task = new ActiveTask(null!, new PartitionGroup([new RecordQueue(input)], 0), "thread");
        var restoration = new TaskRestoration(task) { Committed = new Dictionary<TopicPartition, long> { [input] = 5 } };

        // Each record carries its own copy of the bytes, as consumed records do.
        bool[] answers = [.. new long[] { 4, 4, 6, 6, 4, 5, 6 }.Select(offset => restoration.Accepts(Headers(new TopicPartitionOffset(input, offset), 100)))];
        Assert.Equal([true, true, false, false, true, true, false], answers);

        restoration.Committed = new Dictionary<TopicPartition, long> { [input] = 6 };
        Assert.True(restoration.Accepts(Headers(new TopicPartitionOffset(input, 6), 100)));
        restoration.Committed = new Dictionary<TopicPartition, long>();
        Assert.False(restoration.Accepts(Headers(new TopicPartitionOffset(input, 6), 100)));
    }

    [Fact]
    public void Window_store_restores_duplicates_with_their_sequence_numbers_and_new_duplicates_continue_after_them()
    {
        var logged = new List<byte[]>();
        var store = new ChangeLoggingWindowBytesStore(new InMemoryWindowBytesStore("w", 1_000, 10, retainDuplicates: true));
        store.Init(new LoggingContext(logged));
        store.Restore([
            new ChangelogRecord(WindowKeySchema.ToStoreKey("k"u8, 100, 1), [1], 100),
            new ChangelogRecord(WindowKeySchema.ToStoreKey("k"u8, 100, 2), [2], 100),
        ]);

        store.Put("k"u8.ToArray(), [3], 100);

        Assert.Equal([[1], [2], [3]], store.Fetch("k"u8.ToArray(), 0, 200).Select(e => e.Value));
        Assert.Equal(3, WindowKeySchema.ExtractSeqnum(Assert.Single(logged)));
    }

    [Fact]
    public void Session_store_restores_sessions_from_store_layout_keys_and_deletions()
    {
        var store = new InMemorySessionBytesStore("s", 1_000);
        var first = new Windowed<byte[]>("k"u8.ToArray(), new Window(10, 20));
        var second = new Windowed<byte[]>("k"u8.ToArray(), new Window(30, 40));

        store.Restore([
            new ChangelogRecord(SessionKeySchema.ToStoreKey(first), [1], 20),
            new ChangelogRecord(SessionKeySchema.ToStoreKey(second), [2], 40),
            new ChangelogRecord(SessionKeySchema.ToStoreKey(first), null, 40),
        ]);

        var session = Assert.Single(store.FindSessions("k"u8.ToArray(), 0, 100));
        Assert.Equal(new Window(30, 40), session.Key.Window);
        Assert.Equal([2], session.Value);
    }

    private static Headers Headers(TopicPartitionOffset position, long streamTime) => new()
    {
        { ChangelogHeaders.Position, ChangelogHeaders.EncodePosition([position]) },
        { ChangelogHeaders.StreamTime, ChangelogHeaders.EncodeStreamTime(streamTime) },
    };

    private sealed class LoggingContext(List<byte[]> logged) : State.IStateStoreContext
    {
        public string ApplicationId => "app";

        public TaskId TaskId => new(0, 0);

        public long StreamTime => 100;

        public string? StateDirectory => null;

        public void LogChange(string storeName, byte[] key, byte[]? value, long timestamp) => logged.Add(key);
    }
}
