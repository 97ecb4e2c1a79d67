using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// Internal topics for a cluster that cannot create topics through the admin API (librdkafka's mock cluster, which
/// <c>riskstreams dev</c> serves): a producer's metadata request for a topic asks the broker to auto-create it, with
/// the broker's default partition count and configuration (no compaction). The caller checks the partition counts.
/// </summary>
internal sealed class AutoTopicCreation(StreamsOptions options, ILogger logger)
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(200);

    /// <summary>The answers of a cluster that lacks CreateTopics: no answer in time, or the request not supported.</summary>
    public static bool CreateTopicsUnavailable(ErrorCode code) => code is ErrorCode.Local_TimedOut or ErrorCode.RequestTimedOut
        or ErrorCode.Local_UnsupportedFeature or ErrorCode.UnsupportedVersion or ErrorCode.InvalidRequest;

    public static bool CreateTopicsUnavailable(KafkaException error) => error is Confluent.Kafka.Admin.CreateTopicsException create
        ? create.Results.Where(r => r.Error.IsError && r.Error.Code != ErrorCode.TopicAlreadyExists).All(r => CreateTopicsUnavailable(r.Error.Code))
        : CreateTopicsUnavailable(error.Error.Code);

    /// <summary>Asks for the metadata of each topic until the broker lists it with partitions (or <paramref name="cancellationToken"/> fires).</summary>
    public async Task CreateAsync(IEnumerable<string> topics, CancellationToken cancellationToken)
    {
        var config = KafkaClientFactory.Producer(options, $"{options.ApplicationId}-topic-creator");
        config.EnableIdempotence = false; // it only asks for metadata: no producer id needed
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler((_, m) => ClientLog.Write(logger, m))
            .Build();
        using var metadata = new DependentAdminClientBuilder(producer.Handle).Build();
        var deadline = DateTime.UtcNow + (4 * MetadataTimeout);
        foreach (var topic in topics)
        {
            while (!Exists(metadata, topic))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException(
                        $"Internal topic '{topic}' could not be created: the cluster has no CreateTopics API and did not auto-create it (auto.create.topics.enable?). Create it beforehand.");
                }

                await Task.Delay(Retry, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool Exists(IAdminClient metadata, string topic)
    {
        var found = metadata.GetMetadata(topic, MetadataTimeout).Topics.SingleOrDefault(t => t.Topic == topic);
        return found is { Error.IsError: false, Partitions.Count: > 0 };
    }
}
