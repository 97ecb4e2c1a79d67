using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace RiskStreams.Streams.Reset.Internal;

/// <summary>
/// Clears internal topics: deletes them (DeleteTopics); where the cluster cannot, deletes their records up to the high
/// watermark (DeleteRecords); where it cannot do that either, every internal topic is skipped to its end through the
/// group's offsets: repartition topics are never read from before them again, and restoration starts changelogs there.
/// </summary>
internal static class InternalTopicCleaner
{
    public static async Task<InternalTopicAction> ClearAsync(IAdminClient admin, IReadOnlyList<string> topics, IReadOnlyList<TopicPartition> partitions, TimeSpan timeout)
    {
        if (await TryDeleteTopicsAsync(admin, topics, timeout).ConfigureAwait(false))
        {
            return InternalTopicAction.Deleted;
        }

        if (await TryDeleteRecordsAsync(admin, partitions, timeout).ConfigureAwait(false))
        {
            return InternalTopicAction.Truncated;
        }

        return InternalTopicAction.SkippedToEnd;
    }

    private static async Task<bool> TryDeleteTopicsAsync(IAdminClient admin, IReadOnlyList<string> topics, TimeSpan timeout)
    {
        try
        {
            await admin.DeleteTopicsAsync(topics, new DeleteTopicsOptions { RequestTimeout = timeout, OperationTimeout = timeout }).ConfigureAwait(false);
            return true;
        }
        catch (DeleteTopicsException e) when (e.Results.All(r => !r.Error.IsError || r.Error.Code == ErrorCode.UnknownTopicOrPart))
        {
            // Topics deleted meanwhile count as deleted.
            return true;
        }
        catch (DeleteTopicsException e) when (e.Results.All(r => !r.Error.IsError || Unsupported(r.Error.Code)))
        {
            return false;
        }
        catch (KafkaException e) when (Unsupported(e.Error.Code))
        {
            // The mock cluster has no controller to send DeleteTopics to: the request times out.
            return false;
        }
    }

    private static async Task<bool> TryDeleteRecordsAsync(IAdminClient admin, IReadOnlyList<TopicPartition> partitions, TimeSpan timeout)
    {
        try
        {
            await admin.DeleteRecordsAsync(
                partitions.Select(p => new TopicPartitionOffset(p, Offset.End)),
                new DeleteRecordsOptions { RequestTimeout = timeout, OperationTimeout = timeout }).ConfigureAwait(false);
            return true;
        }
        catch (DeleteRecordsException e) when (e.Results.All(r => !r.Error.IsError || Unsupported(r.Error.Code)))
        {
            return false;
        }
        catch (KafkaException e) when (Unsupported(e.Error.Code))
        {
            return false;
        }
    }

    private static bool Unsupported(ErrorCode code) =>
        code is ErrorCode.Local_UnsupportedFeature or ErrorCode.UnsupportedVersion or ErrorCode.InvalidRequest or ErrorCode.Local_TimedOut or ErrorCode.RequestTimedOut;
}
