using Confluent.Kafka;
using RiskStreams.Streams.Internal.Runtime.Kafka;

namespace RiskStreams.Streams.Tests;

public sealed class RecordCollectorTests
{
    [Fact]
    public void Undelivered_record_fails_the_flush_and_every_later_send()
    {
        Librdkafka.EnsureLoaded();

        // Nothing listens on port 1: the record times out undelivered after message.timeout.ms.
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = "127.0.0.1:1",
            MessageTimeoutMs = 300,
            SocketConnectionSetupTimeoutMs = 1000,
        }).Build();
        var collector = new RecordCollector(new StreamsProducer(producer));

        collector.Send("out", [1], [2], 10);
        var error = Assert.Throws<InvalidOperationException>(collector.Flush);

        Assert.StartsWith("Producing output failed", error.Message, StringComparison.Ordinal);
        Assert.IsType<KafkaException>(error.InnerException);
        Assert.True(collector.HasFailed);
        Assert.Throws<InvalidOperationException>(() => collector.Send("out", [1], [2], 11));
    }
}
