using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RiskStreams.DevStack;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

/// <summary>A stream thread notices when every broker is gone and when one is back (its own cluster: the outage would disturb others).</summary>
public sealed class BrokerOutageTests : IDisposable
{
    private readonly EmbeddedKafkaCluster _cluster = EmbeddedKafkaCluster.Start();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task The_thread_stands_still_while_all_brokers_are_down_and_goes_on_when_one_is_back()
    {
        var (input, output, topology) = PassThrough();
        using var logs = new CollectingLoggerFactory();
        await using var streams = new KafkaStreams(topology, Options(_cluster, Unique("down")), logs);
        streams.Start();
        await UntilAsync(() => streams.State == StreamsState.Running, "the instance to run");

        _cluster.TakeBrokerDown();
        await UntilAsync(() => logs.Contains("all brokers are down"), "the thread to notice the outage");
        _cluster.BringBrokerUp();
        await UntilAsync(() => logs.Contains("a broker is reachable again"), "the thread to notice the broker back");

        await ProduceAsync(_cluster, input, [("k", "after", 1, 0)]);
        Assert.Equal("after", Assert.Single(ReadAll(_cluster, output, 1, 1, Confluent.Kafka.Deserializers.Utf8, Confluent.Kafka.Deserializers.Utf8)).Message.Value);
    }

    [Fact]
    public async Task A_close_while_all_brokers_are_down_completes_within_the_close_timeout_without_error()
    {
        var (input, output, topology) = PassThrough();
        using var logs = new CollectingLoggerFactory();
        var closeTimeout = TimeSpan.FromSeconds(4);
        await using var streams = new KafkaStreams(topology, Options(_cluster, Unique("close")) with { CloseTimeout = closeTimeout }, logs);
        streams.Start();
        await UntilAsync(() => streams.State == StreamsState.Running, "the instance to run");
        await ProduceAsync(_cluster, input, [("k", "before", 1, 0)]);
        Assert.Single(ReadAll(_cluster, output, 1, 1, Confluent.Kafka.Deserializers.Utf8, Confluent.Kafka.Deserializers.Utf8));

        _cluster.TakeBrokerDown();
        try
        {
            await UntilAsync(() => logs.Contains("all brokers are down"), "the thread to notice the outage");
            var closing = System.Diagnostics.Stopwatch.StartNew();
            await streams.CloseAsync().WaitAsync(closeTimeout + TimeSpan.FromSeconds(2));
            Console.WriteLine($"close during the outage: {closing.Elapsed.TotalSeconds:F1} s (timeout {closeTimeout.TotalSeconds:F0} s), timed out: {streams.CloseTimedOut}");
        }
        finally
        {
            _cluster.BringBrokerUp();
        }

        Assert.Null(streams.Error);
        Assert.Equal(StreamsState.NotRunning, streams.State);
    }

    /// <summary>A one-partition input piped to a one-partition output, both new topics.</summary>
    private (string Input, string Output, Topology Topology) PassThrough()
    {
        var (input, output) = (Unique("in"), Unique("out"));
        _cluster.CreateTopic(input, 1);
        _cluster.CreateTopic(output, 1);
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed.With(Serdes.String, Serdes.String)).To(output, Produced.With(Serdes.String, Serdes.String));
        return (input, output, builder.Build());
    }

    private sealed class CollectingLoggerFactory : ILoggerFactory
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public bool Contains(string text) => _lines.Any(l => l.Contains(text, StringComparison.Ordinal));

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
