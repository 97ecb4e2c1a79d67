using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace RiskStreams.Streams.Reset.Internal;

/// <summary>Refuses the reset while the application's consumer group has members, asking the cluster (DescribeGroups).</summary>
internal static class GroupGuard
{
    /// <summary>
    /// True when the cluster described the group as empty; false when it cannot describe groups (librdkafka's mock
    /// cluster), so the caller must find out by joining the group (<see cref="SoleGroupMember"/>).
    /// </summary>
    /// <exception cref="ApplicationResetException">The group has members.</exception>
    public static async Task<bool> DescribeAsync(IAdminClient admin, ApplicationResetOptions options)
    {
        ConsumerGroupDescription group;
        try
        {
            var result = await admin.DescribeConsumerGroupsAsync(
                [options.ApplicationId], new DescribeConsumerGroupsOptions { RequestTimeout = options.RequestTimeout }).ConfigureAwait(false);
            group = result.ConsumerGroupDescriptions.Single();
        }
        catch (DescribeConsumerGroupsException e) when (e.Results.ConsumerGroupDescriptions.All(d => d.Error.Code == ErrorCode.Local_UnsupportedFeature))
        {
            return false;
        }

        if (group.Members.Count > 0)
        {
            throw SoleGroupMember.Running(options.ApplicationId, $"its consumer group has {group.Members.Count} active member(s), state {group.State}");
        }

        return true;
    }
}
