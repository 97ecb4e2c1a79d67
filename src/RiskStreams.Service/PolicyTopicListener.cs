using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RiskStreams.Risk;
using RiskStreams.Streams;
using RiskStreams.Topology;

namespace RiskStreams.Service;

/// <summary>
/// Follows the compacted <c>risk.policy</c> topic (value: the policy YAML) from its beginning and
/// puts each valid policy in force; the latest record wins. Invalid records are reported and
/// skipped. Runs on its own thread because <c>Consume</c> blocks.
/// </summary>
internal sealed partial class PolicyTopicListener : IDisposable
{
    private readonly IConsumer<string?, string?> _consumer;
    private readonly RiskPolicyHolder _holder;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public PolicyTopicListener(string bootstrapServers, string topic, RiskPolicyHolder holder, ILogger logger)
    {
        Librdkafka.EnsureLoaded();
        _holder = holder;

        // The failure counter reads 0 from the start, so the first failure shows as an increase.
        ServiceMetrics.PolicyReloadFailures.Add(0, new KeyValuePair<string, object?>("source", "topic"));
        _logger = logger;
        _consumer = new ConsumerBuilder<string?, string?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"riskstreams-policy-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            TopicMetadataRefreshIntervalMs = 5000,
        }).Build();
        _consumer.Subscribe(topic);
        _thread = new Thread(Run) { Name = "policy-topic-listener", IsBackground = true };
        _thread.Start();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(5));
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (_consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message.Value: { } yaml } result)
                {
                    Apply(yaml, $"{result.Topic}[{result.Partition.Value}]@{result.Offset.Value}");
                }
            }
            catch (ConsumeException ex)
            {
                LogInvalid(_logger, "risk.policy", ex.Error.Reason, _holder.Current.Version);
            }
        }
    }

    private void Apply(string yaml, string source)
    {
        try
        {
            var next = RiskPolicyLoader.Load(yaml, source);
            if (_holder.Update(next))
            {
                LogReloaded(_logger, next.Version, source);
            }
        }
        catch (PolicyValidationException ex)
        {
            ServiceMetrics.PolicyReloadFailures.Add(1, new KeyValuePair<string, object?>("source", "topic"));
            LogInvalid(_logger, source, string.Join("; ", ex.Errors.Select(e => e.Format(source))), _holder.Current.Version);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "policy {Version} received from {Source}; it decides from the next event on")]
    private static partial void LogReloaded(ILogger logger, string version, string source);

    [LoggerMessage(2, LogLevel.Error, "policy record {Source} is invalid and was skipped ({Errors}); policy {Version} stays in force")]
    private static partial void LogInvalid(ILogger logger, string source, string errors, string version);
}
