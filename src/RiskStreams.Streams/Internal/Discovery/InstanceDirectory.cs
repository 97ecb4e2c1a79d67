using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RiskStreams.Streams.Internal.Runtime.Kafka;

namespace RiskStreams.Streams.Internal.Discovery;

/// <summary>
/// Which instance of the application hosts which task, shared through the compacted topic
/// <c>{applicationId}-instances</c>. Kafka Streams carries <c>application.server</c> and the assignment in the group's
/// assignment userdata; librdkafka lets no client add userdata, so instead each instance publishes a record (key: its
/// process id; value: <c>{"server":"host:port","tasks":["0_1",...]}</c>) whenever its tasks change and every
/// <see cref="Heartbeat"/>, a tombstone when it stops, and reads the topic from its beginning. A task claimed by several
/// instances (a rebalance in flight) belongs to the newest claim; a claim not renewed within <see cref="StaleAfter"/>
/// (an instance that died without its tombstone) is ignored. Publishing and reading run on one background thread.
/// </summary>
internal sealed class InstanceDirectory
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    private readonly StreamsOptions _options;
    private readonly string _processId;
    private readonly string _server;
    private readonly Func<IReadOnlyCollection<TaskId>> _localTasks;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Claim> _claims = new(StringComparer.Ordinal);
    private readonly Lock _claimsLock = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopRequested;

    public InstanceDirectory(StreamsOptions options, string processId, Func<IReadOnlyCollection<TaskId>> localTasks, ILogger logger)
    {
        _options = options;
        _processId = processId;
        _server = options.ApplicationServer ?? throw new ArgumentException($"{nameof(StreamsOptions.ApplicationServer)} is required.", nameof(options));
        _localTasks = localTasks;
        _logger = logger;
    }

    /// <summary>Completes when the thread has published its tombstone and stopped.</summary>
    public Task Completion => _stopped.Task;

    public static string TopicOf(string applicationId) => $"{applicationId}-instances";

    public void Start() => new Thread(Run) { IsBackground = true, Name = $"{_options.ApplicationId}-instances" }.Start();

    public void RequestStop() => _stopRequested = true;

    /// <summary>The <c>host:port</c> of the other instance that hosts <paramref name="task"/> by the newest live claim, or null.</summary>
    public string? OwnerOf(TaskId task)
    {
        var oldest = DateTime.UtcNow - StaleAfter;
        lock (_claimsLock)
        {
            Claim? best = null;
            foreach (var (process, claim) in _claims)
            {
                // A claim of this server under another process id is a previous run of this instance that stopped without its tombstone.
                if (process != _processId && claim.Server != _server && claim.At >= oldest && claim.Tasks.Contains(task) && (best is null || claim.At > best.At))
                {
                    best = claim;
                }
            }

            return best?.Server;
        }
    }

    private void Run()
    {
        try
        {
            var topic = TopicOf(_options.ApplicationId);
            var producerConfig = KafkaClientFactory.Producer(_options, $"{_options.ApplicationId}-instances-producer", null);
            var consumerConfig = KafkaClientFactory.Consumer(_options, $"{_options.ApplicationId}-instances-reader");

            // Assigned, never subscribed: the group id is never joined and nothing is committed.
            consumerConfig.GroupId = $"{_options.ApplicationId}-instances-reader";
            consumerConfig.EnableAutoCommit = false;
            consumerConfig.EnablePartitionEof = false;
            using var producer = new ProducerBuilder<string, byte[]?>(producerConfig).SetLogHandler((_, m) => ClientLog.Write(_logger, m)).Build();
            using var consumer = new ConsumerBuilder<string?, byte[]?>(consumerConfig).SetLogHandler((_, m) => ClientLog.Write(_logger, m)).Build();
            using (var admin = new DependentAdminClientBuilder(producer.Handle).Build())
            {
                var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(30)).Topics.Single(t => t.Topic == topic).Partitions;
                consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)));
            }

            Loop(topic, producer, consumer);
            producer.Produce(topic, new Message<string, byte[]?> { Key = _processId, Value = null });
            producer.Flush(TimeSpan.FromSeconds(5));
            consumer.Close();
            _stopped.TrySetResult();
        }
        catch (Exception e) when (e is KafkaException or InvalidOperationException)
        {
            DiscoveryLog.Failed(_logger, e, _options.ApplicationId);
            _stopped.TrySetResult();
        }
    }

    private void Loop(string topic, IProducer<string, byte[]?> producer, IConsumer<string?, byte[]?> consumer)
    {
        HashSet<TaskId>? published = null;
        var publishedAt = DateTime.MinValue;
        while (!_stopRequested)
        {
            var tasks = _localTasks().ToHashSet();
            if (published is null || !published.SetEquals(tasks) || DateTime.UtcNow - publishedAt >= Heartbeat)
            {
                try
                {
                    producer.Produce(topic, new Message<string, byte[]?> { Key = _processId, Value = Encode(_server, tasks) });
                    published = tasks;
                    publishedAt = DateTime.UtcNow;
                }
                catch (ProduceException<string, byte[]?> e)
                {
                    DiscoveryLog.PublishFailed(_logger, _options.ApplicationId, e.Error.Reason);
                }
            }

            try
            {
                if (consumer.Consume(_options.PollTimeout) is { Message: { Key: { } key } message })
                {
                    Apply(key, message.Value, message.Timestamp.UtcDateTime);
                }
            }
            catch (ConsumeException e)
            {
                DiscoveryLog.ReadFailed(_logger, _options.ApplicationId, e.Error.Reason);
            }
        }
    }

    private void Apply(string process, byte[]? value, DateTime at)
    {
        var claim = value is null ? null : Decode(value, at);
        lock (_claimsLock)
        {
            if (claim is null)
            {
                _claims.Remove(process);
            }
            else
            {
                _claims[process] = claim;
            }
        }
    }

    internal static byte[] Encode(string server, IEnumerable<TaskId> tasks)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("server", server);
            json.WriteStartArray("tasks");
            foreach (var task in tasks.OrderBy(t => t.Subtopology).ThenBy(t => t.Partition))
            {
                json.WriteStringValue(task.ToString());
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The claim in <paramref name="value"/>, or null when it is not one (ignored like a tombstone).</summary>
    internal static Claim? Decode(byte[] value, DateTime at)
    {
        try
        {
            using var doc = JsonDocument.Parse(value);
            var server = doc.RootElement.GetProperty("server").GetString();
            var tasks = new HashSet<TaskId>();
            foreach (var item in doc.RootElement.GetProperty("tasks").EnumerateArray())
            {
                var parts = (item.GetString() ?? "").Split('_');
                if (parts.Length != 2 || !int.TryParse(parts[0], out var sub) || !int.TryParse(parts[1], out var partition))
                {
                    return null;
                }

                tasks.Add(new TaskId(sub, partition));
            }

            return string.IsNullOrEmpty(server) ? null : new Claim(server, tasks, at);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    internal sealed record Claim(string Server, HashSet<TaskId> Tasks, DateTime At);
}
