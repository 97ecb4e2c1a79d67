using Confluent.Kafka;
using RiskStreams.Streams.Internal.Runtime.Kafka;

namespace RiskStreams.Streams.Tests;

public sealed class PartitionGroupTests
{
    [Fact]
    public void Next_record_is_the_buffered_head_with_the_smallest_timestamp_across_partitions()
    {
        var (group, left, right) = Group(maxIdleMs: 0);
        Add(left, 10, 30);
        Add(right, 20, 40);
        left.MarkEnd();
        right.MarkEnd();

        Assert.Equal([10L, 20, 30, 40], Drain(group, nowMs: 0));
    }

    [Fact]
    public void Empty_partition_with_data_not_fetched_yet_holds_the_task_back_even_with_zero_idle()
    {
        var (group, left, right) = Group(maxIdleMs: 0);
        Add(left, 10, 30);

        Assert.Empty(Drain(group, nowMs: 0));

        Add(right, 20);
        Assert.Equal([10L, 20], Drain(group, nowMs: 0));

        right.MarkEnd();
        Assert.Equal([30L], Drain(group, nowMs: 0));
    }

    [Fact]
    public void Caught_up_empty_partition_is_waited_for_max_task_idle_then_skipped()
    {
        var (group, left, right) = Group(maxIdleMs: 100);
        Add(left, 10);
        right.MarkEnd();

        Assert.Empty(Drain(group, nowMs: 1_000));
        Assert.Equal(1_100, group.NextIdleDeadline(1_000));
        Assert.Empty(Drain(group, nowMs: 1_099));
        Assert.Equal([10L], Drain(group, nowMs: 1_100));
    }

    [Fact]
    public void Record_arriving_on_an_idling_partition_restarts_its_idle_time_when_it_empties_again()
    {
        var (group, left, right) = Group(maxIdleMs: 100);
        Add(left, 10, 50);
        right.MarkEnd();
        Assert.Empty(Drain(group, nowMs: 1_000));

        Add(right, 20);
        right.MarkEnd();
        Assert.Equal([10L, 20], Drain(group, nowMs: 1_050));
        Assert.Equal(1_150, group.NextIdleDeadline(1_050));
        Assert.Equal([50L], Drain(group, nowMs: 1_150));
    }

    [Fact]
    public void An_idle_deadline_stops_waking_the_loop_once_nothing_is_buffered_or_it_has_passed()
    {
        var (group, left, right) = Group(maxIdleMs: 100);
        Add(left, 10);
        right.MarkEnd();
        Assert.Empty(Drain(group, nowMs: 1_000));
        Assert.Equal(1_100, group.NextIdleDeadline(1_000));

        // Passed: the next TryNext releases the record, so there is nothing to wait for.
        Assert.Equal(long.MaxValue, group.NextIdleDeadline(1_100));
        Assert.Equal([10L], Drain(group, nowMs: 1_100));

        // Nothing buffered: the deadline left behind does not matter.
        Assert.False(group.HasBuffered);
        Assert.Equal(long.MaxValue, group.NextIdleDeadline(1_100));
    }

    [Fact]
    public void A_record_given_back_is_taken_again_first_and_its_offset_no_longer_counts_as_processed()
    {
        var (group, left, right) = Group(maxIdleMs: 0);
        Add(left, 10, 30);
        Add(right, 20);
        left.MarkEnd();
        right.MarkEnd();
        Assert.Equal(10L, TakeOne(group));
        var commitBefore = left.CommitOffset;

        Assert.True(group.TryNext(0, out var held));
        Assert.Equal((20L, 1L), (held.TimestampMs, right.CommitOffset));
        group.Return(held);

        Assert.Equal((-1L, false), (right.CommitOffset, right.CommitPending));
        Assert.Equal(commitBefore, left.CommitOffset);
        Assert.Equal([20L, 30], Drain(group, nowMs: 0));
        Assert.Equal(1, right.CommitOffset);
    }

    [Fact]
    public void Equal_timestamps_go_to_the_earlier_source_topic_first()
    {
        var (group, left, right) = Group(maxIdleMs: 0);
        Add(right, 10);
        Add(left, 10);
        left.MarkEnd();
        right.MarkEnd();

        Assert.True(group.TryNext(0, out var first));
        Assert.Equal("left", first.Topic);
    }

    [Fact]
    public void Taking_a_record_makes_its_offset_the_next_commit()
    {
        var (group, left, _) = Group(maxIdleMs: 0);
        Add(left, 10);

        Assert.False(left.CommitPending);
        Drain(Group1(left), nowMs: 0);
        Assert.True(left.CommitPending);
        Assert.Equal(1, left.CommitOffset);
        left.MarkCommitted(1, confirmed: false);
        Assert.False(left.CommitPending);
        Assert.Equal(-1, left.ConfirmedOffset);
        left.MarkCommitted(1, confirmed: true);
        Assert.Equal(1, left.ConfirmedOffset);
        Assert.False(group.HasBuffered);
    }

    private static (PartitionGroup Group, RecordQueue Left, RecordQueue Right) Group(long maxIdleMs)
    {
        var left = new RecordQueue(new TopicPartition("left", 0));
        var right = new RecordQueue(new TopicPartition("right", 0));
        return (new PartitionGroup([left, right], maxIdleMs), left, right);
    }

    private static PartitionGroup Group1(RecordQueue queue) => new([queue], 0);

    private static void Add(RecordQueue queue, params long[] timestamps)
    {
        foreach (var timestamp in timestamps)
        {
            queue.Add(new ConsumedRecord(queue.Partition.Topic, 0, queue.Count, null, null, timestamp, null));
        }
    }

    private static long TakeOne(PartitionGroup group)
    {
        Assert.True(group.TryNext(0, out var record));
        return record.TimestampMs;
    }

    private static List<long> Drain(PartitionGroup group, long nowMs)
    {
        var taken = new List<long>();
        while (group.TryNext(nowMs, out var record))
        {
            taken.Add(record.TimestampMs);
        }

        return taken;
    }
}
