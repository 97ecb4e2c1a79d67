using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using RiskStreams.DevStack;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

/// <summary>
/// Store reads from other threads — the store-size gauge a Prometheus scrape collects, interactive queries — never
/// write: the stream thread's producer refuses any call from another thread, so a read that flushed a cache (changelog
/// writes, under exactly-once the opening of a transaction) would fail the query here.
/// </summary>
public sealed class ReadsNeverWriteTests(EmbeddedKafkaFixture fixture) : IClassFixture<EmbeddedKafkaFixture>
{
    private EmbeddedKafkaCluster Cluster => fixture.Cluster;

    [Theory]
    [InlineData(ProcessingGuarantee.AtLeastOnce)]
    [InlineData(ProcessingGuarantee.ExactlyOnceV2)]
    public async Task Scrapes_and_queries_during_processing_read_cached_stores_without_writing_off_the_stream_thread(ProcessingGuarantee guarantee)
    {
        var (input, output, app) = (Unique("words"), Unique("counts"), Unique("reads"));
        Cluster.CreateTopic(input, 2);
        Cluster.CreateTopic(output, 2);
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey(Grouped.With(Serdes.String, Serdes.String))
            .Count(Materialized.As<string, long>("counts").WithCachingEnabled())
            .ToStream()
            .To(output, Produced.With(Serdes.String, Serdes.Long));
        await using var streams = new KafkaStreams(builder.Build(), Options(Cluster, app) with
        {
            ProcessingGuarantee = guarantee,
            CacheMaxBytesBuffering = 1 << 20,
            CommitInterval = TimeSpan.FromSeconds(1),
        });
        streams.Start();
        await UntilAsync(() => streams.State == StreamsState.Running, "the instance to run");

        using var scrape = new MeterListener();
        scrape.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "riskstreams.streams.store.entries")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        scrape.SetMeasurementEventCallback<long>((_, _, _, _) => { });
        scrape.Start();

        var failures = new ConcurrentQueue<Exception>();
        var reads = 0;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            var store = streams.KeyValueStore<string, long>("counts");
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    scrape.RecordObservableInstruments();
                    _ = store.ApproximateCount;
                    _ = store.All().Count();
                    _ = store.Range("k-1", "k-5").Count();
                    Interlocked.Increment(ref reads);
                }
                catch (Exception e) when (e is InvalidOperationException)
                {
                    failures.Enqueue(e);
                }

                await Task.Delay(2);
            }
        });

        const int keys = 20;
        const int rounds = 30;
        for (var round = 0; round < rounds; round++)
        {
            await ProduceAsync(Cluster, input, Enumerable.Range(0, keys).Select(k => ($"k-{k}", "x", (long)(round * keys) + k, (int?)null)));
        }

        var store = streams.KeyValueStore<string, long>("counts");
        await UntilAsync(() => Enumerable.Range(0, keys).All(k => store.TryGet($"k-{k}", out var count) && count == rounds), "every key counted");
        await stop.CancelAsync();
        await reader;

        Assert.Empty(failures.Select(f => f.Message));
        Assert.True(reads > 10, $"only {reads} reads ran during processing");
        Assert.Equal(StreamsState.Running, streams.State);
        Assert.Equal(keys, store.ApproximateCount);
    }
}
