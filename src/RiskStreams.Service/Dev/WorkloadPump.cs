using RiskStreams.Avro;
using RiskStreams.DevStack;

namespace RiskStreams.Service.Dev;

/// <summary>
/// Publishes the synthetic workload (<see cref="WorkloadGenerator"/>) at a steady rate until the events run out or
/// the token fires; shared by <c>dev</c> and <c>generate</c>, the only verbs that use the dev stack's generator.
/// </summary>
internal static class WorkloadPump
{
    /// <param name="bootstrapServers">Kafka to publish to.</param>
    /// <param name="registry">Registry the Avro serializer registers and looks schemas up in.</param>
    /// <param name="workload">Accounts and seed.</param>
    /// <param name="events">Stop after this many events; null for no bound.</param>
    /// <param name="rate">Events per second; 0 for as fast as the producer takes them.</param>
    /// <param name="progress">Called about once a second with the events published so far.</param>
    /// <param name="published">Called with each event as it is handed to the producer (before its acknowledgement).</param>
    /// <param name="cancellationToken">Stops generating; what was sent is flushed.</param>
    /// <returns>Events published (and acknowledged).</returns>
    public static async Task<long> PublishAsync(
        string bootstrapServers, SchemaRegistryClient registry, WorkloadOptions workload, long? events, int rate, Action<long>? progress, Action<GeneratedEvent>? published,
        CancellationToken cancellationToken)
    {
        using var publisher = new WorkloadPublisher(bootstrapServers, registry);
        var generator = new WorkloadGenerator(workload);
        var source = events is { } n ? generator.Generate().Take(checked((int)n)) : generator.Generate();
        long count = 0;
        var perTick = rate == 0 ? int.MaxValue : Math.Max(1, rate / 10);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        using var items = source.GetEnumerator();
        var ticks = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var sent = 0;
                while (sent < perTick && items.MoveNext())
                {
                    publisher.Publish(items.Current);
                    published?.Invoke(items.Current);
                    sent++;
                    count++;
                }

                if (sent < perTick)
                {
                    break;
                }

                if (rate != 0)
                {
                    await timer.WaitForNextTickAsync(cancellationToken);
                    if (++ticks % 10 == 0)
                    {
                        progress?.Invoke(count);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Bounded by a duration or Ctrl-C: stop generating, keep what was sent.
        }

        await publisher.FlushAsync(CancellationToken.None);
        return count;
    }
}
