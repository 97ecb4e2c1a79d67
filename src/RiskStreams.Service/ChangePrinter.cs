using System.Globalization;
using Confluent.Kafka;
using RiskStreams.Avro;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.Service;

/// <summary>
/// Reads <c>risk.level.changes</c> back from Kafka with a plain consumer (as any downstream system
/// would) and writes each change as one readable line.
/// </summary>
internal sealed class ChangePrinter : IDisposable
{
    private readonly IConsumer<string, RiskLevelChanged> _consumer;
    private readonly TextWriter _output;
    private readonly string _topic;
    private readonly Dictionary<string, long> _perLevel = new(StringComparer.Ordinal);
    private readonly Func<RiskLevelChanged, string?>? _annotate;

    /// <param name="bootstrapServers">Kafka to read from.</param>
    /// <param name="topic">The changes topic.</param>
    /// <param name="registry">Registry of the changes' schema.</param>
    /// <param name="output">Where the lines go.</param>
    /// <param name="annotate">Sees every change read (also when the output is <see cref="TextWriter.Null"/>); a text it returns ends the line in brackets.</param>
    public ChangePrinter(string bootstrapServers, string topic, SchemaRegistryClient registry, TextWriter output, Func<RiskLevelChanged, string?>? annotate = null)
    {
        _topic = topic;
        _output = output;
        _annotate = annotate;
        _consumer = new ConsumerBuilder<string, RiskLevelChanged>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"riskstreams-dev-printer-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            IsolationLevel = IsolationLevel.ReadCommitted,
        }).SetValueDeserializer(new AvroDeserializer<RiskLevelChanged>(registry)).Build();
        _consumer.Assign(Enumerable.Range(0, PartitionCount(bootstrapServers, topic)).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
    }

    public long Printed { get; private set; }

    public IReadOnlyDictionary<string, long> PerLevel => _perLevel;

    /// <summary>Changes a review caused (a reason carries a <c>reviewId</c>): CLEAR, UPHOLD, OVERRIDE and the end of an OVERRIDE.</summary>
    public long ReviewCaused { get; private set; }

    /// <summary>Prints what arrives until cancelled (runs on its own thread: Consume blocks).</summary>
    public void Run(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            PrintNext(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>True when every partition has been read up to its current end.</summary>
    public bool CaughtUp()
    {
        foreach (var tp in _consumer.Assignment)
        {
            var end = _consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5)).High;
            var position = _consumer.Position(tp);
            if (end.Value > 0 && (position == Offset.Unset || position.Value < end.Value))
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }

    private void PrintNext(TimeSpan timeout)
    {
        try
        {
            var result = _consumer.Consume(timeout);
            if (result?.Message?.Value is not { } c)
            {
                return;
            }

            Printed++;
            var level = c.level.ToString();
            _perLevel[level] = _perLevel.GetValueOrDefault(level) + 1;
            if (c.reasons.Any(r => r.evidence.ContainsKey("reviewId")))
            {
                ReviewCaused++;
            }

            var note = _annotate?.Invoke(c);
            _output.WriteLine(note is null ? Format(c) : $"{Format(c)} [{note}]");
        }
        catch (ConsumeException ex)
        {
            _output.WriteLine($"[printer] could not read {_topic}: {ex.Error.Reason}");
        }
    }

    internal static string Format(RiskLevelChanged c)
    {
        // A cross-account reason shows its entity as its evidence names it (a hashed tag, never another account).
        var reasons = string.Join("; ", c.reasons.Select(r => r.evidence.TryGetValue("entity", out var entity) ? $"{r.code} ({entity}): {r.message}" : $"{r.code}: {r.message}"));
        var actions = string.Join(",", c.actions);
        return string.Create(CultureInfo.InvariantCulture,
            $"{c.eventTime:yyyy-MM-dd HH:mm:ss}Z {c.accountId} v{c.version} {c.previousLevel} -> {c.level} (score {c.score}) [{actions}]{(c.appealable ? " appealable" : "")} <- {c.triggeringStream}/{c.triggeringEventId} | {reasons}");
    }

    private static int PartitionCount(string bootstrapServers, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        return Math.Max(1, metadata.Topics.FirstOrDefault(t => t.Topic == topic)?.Partitions.Count ?? 1);
    }
}
