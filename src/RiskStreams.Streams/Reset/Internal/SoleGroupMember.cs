using Confluent.Kafka;

namespace RiskStreams.Streams.Reset.Internal;

/// <summary>
/// A consumer that joins the application's group on its input topics and holds it while the reset commits offsets.
/// Joining proves the group has no other member (it must be assigned every input partition), which is how running
/// instances are detected where the cluster cannot describe groups; and committing as a member works where the
/// cluster refuses commits from outside the group once it exists (librdkafka's mock cluster, which keeps a group
/// after its last member left).
/// </summary>
internal sealed class SoleGroupMember : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly IConsumer<Ignore, Ignore> _consumer;

    private SoleGroupMember(IConsumer<Ignore, Ignore> consumer) => _consumer = consumer;

    /// <summary>Joins and waits for the first assignment, bounded by the request timeout plus the session timeout (a group hand-over waits for it).</summary>
    /// <exception cref="ApplicationResetException">Another member holds some of the partitions, or no assignment came in time.</exception>
    public static async Task<SoleGroupMember> JoinAsync(ApplicationResetOptions options, IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        var assigned = new List<TopicPartition>();
        var assignments = 0;
        var config = ResetClients.Consumer(options);
        var consumer = new ConsumerBuilder<Ignore, Ignore>(config)
            .SetLogHandler((_, _) => { })
            .SetPartitionsAssignedHandler((_, parts) =>
            {
                assigned.AddRange(parts);
                assignments++;
            })
            .Build();
        var member = new SoleGroupMember(consumer);
        try
        {
            consumer.Subscribe(partitions.Select(p => p.Topic).Distinct());
            var wait = options.RequestTimeout + TimeSpan.FromMilliseconds(config.SessionTimeoutMs ?? 45_000);
            await Task.Run(
                () =>
                {
                    var deadline = DateTime.UtcNow + wait;
                    while (assignments == 0 && DateTime.UtcNow < deadline)
                    {
                        cancellationToken.ThrowIfCancellationRequested();

                        // Records that arrive are ignored: nothing is stored or auto-committed.
                        consumer.Consume(PollInterval);
                    }
                },
                cancellationToken).ConfigureAwait(false);
            if (assignments == 0)
            {
                throw Running(options.ApplicationId, $"joining its consumer group got no assignment within {wait.TotalSeconds:0} s");
            }

            var missing = partitions.Except(assigned).ToList();
            if (missing.Count > 0)
            {
                throw Running(options.ApplicationId, $"another member of its consumer group holds {missing.Count} of the {partitions.Count} input partitions");
            }

            return member;
        }
        catch
        {
            await member.LeaveAsync().ConfigureAwait(false);
            member.Dispose();
            throw;
        }
    }

    public static ApplicationResetException Running(string applicationId, string evidence) =>
        new($"Application '{applicationId}' is running ({evidence}): stop every instance of {applicationId} first.");

    /// <summary>Commits the offsets as the group's only member.</summary>
    public Task CommitAsync(IReadOnlyList<TopicPartitionOffset> offsets) =>
        offsets.Count == 0 ? Task.CompletedTask : Task.Run(() => _consumer.Commit(offsets));

    /// <summary>Leaves the group, so the application's next instance is not kept waiting for this member.</summary>
    public Task LeaveAsync() => Task.Run(_consumer.Close);

    public void Dispose() => _consumer.Dispose();
}
