using System.Text;
using Confluent.Kafka;
using RiskStreams.Avro;
using RiskStreams.DevStack;
using RiskStreams.Streams;

namespace RiskStreams.IntegrationTests;

/// <summary><c>riskstreams run</c> (a real process) given a record too large for its state, and losing a stream thread for good.</summary>
public sealed class RunOversizeAndThreadDeathTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private const short InitProducerIdApiKey = 22;

    [Fact]
    public async Task A_record_whose_ids_would_bloat_the_state_is_dead_lettered_naming_field_and_rule_and_run_keeps_deciding_and_restarts()
    {
        const string appId = "run-oversize";
        var topology = RunProcess.CreateDevTopics(stack);
        using (var first = RunProcess.Start(stack, appId))
        {
            await RunProcess.UntilReadyAsync(first, appId);

            // Two transactions of 600 kB for one account (their merchant ids): the state would hold both and pass the broker's
            // 1 MB limit. Bounded state is the first line: ids are capped, so each is refused before it reaches any store. The
            // engine's last line (a store refusing an oversize write, StateRecordTooLargeException) is covered by OversizeStateTests.
            using (var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = stack.Registry.Url }))
            using (var publisher = new WorkloadPublisher(stack.Cluster.BootstrapServers, registry))
            {
                var at = new DateTime(2026, 3, 1, 11, 0, 0, DateTimeKind.Utc);
                for (var i = 0; i < 2; i++)
                {
                    publisher.Publish(new GeneratedEvent(ContractTopics.Transactions, "huge-acct",
                        RunProcess.Purchase("huge-acct", $"huge-{i}", at.AddSeconds(i), new string((char)('m' + i), 600_000)),
                        (long)(at.AddSeconds(i) - DateTime.UnixEpoch).TotalMilliseconds));
                }

                await publisher.FlushAsync(CancellationToken.None);
            }

            var dead = TopicReader.ReadAll(stack.Cluster.BootstrapServers, topology.DeadLetterTopic, 2);
            Assert.Equal(2, dead.Count);
            foreach (var record in dead)
            {
                Assert.Equal("huge-acct", record.Message.Key);
                Assert.NotNull(record.Message.Value);
                Assert.Equal("processing", Header(record, DeadLetterHeaders.Stage));
                Assert.Equal("RiskStreams.Topology.Internal.InvalidEventException", Header(record, DeadLetterHeaders.ErrorClass));
                Assert.Matches("^transactions event huge-[01]: field merchantId breaks rule too-long: merchantId is 600000 characters long, at most 200 allowed$",
                    Header(record, DeadLetterHeaders.ErrorMessage));
            }

            Console.WriteLine($"oversize dead letter: {Header(dead[0], DeadLetterHeaders.ErrorMessage)}");

            await RunProcess.PublishBurstAsync(stack, "after-huge-acct", "after");
            Assert.Contains("after-huge-acct", TopicReader.ReadAll(stack.Cluster.BootstrapServers, ContractTopics.LevelChanges, 1).Select(r => r.Message.Key));
            Assert.Equal(StreamsState.Running.ToString(), await StateAsync(first, appId));

            first.Terminate();
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }

        // No crash loop: the restart restores its state and is ready again.
        using var second = RunProcess.Start(stack, appId);
        await RunProcess.UntilReadyAsync(second, appId);
        second.Terminate();
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task Run_exits_non_zero_naming_the_error_when_a_stream_thread_dies_fatally()
    {
        RunProcess.CreateDevTopics(stack);

        // Under exactly-once the stream thread's producer registers its transactional id first; the broker refuses it.
        stack.Cluster.FailNextRequests(InitProducerIdApiKey, ErrorCode.TransactionalIdAuthorizationFailed);
        using var process = RunProcess.Start(stack, "run-thread-death", new Dictionary<string, string>
        {
            ["RISKSTREAMS__KAFKA__PROCESSINGGUARANTEE"] = "exactly_once_v2",
        });

        Assert.Equal(1, await process.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains(process.Stdout.Lines(), l => l.StartsWith("riskstreams run: the processor failed: The stream thread was fenced while initializing transactions (TransactionalIdAuthorizationFailed", StringComparison.Ordinal));
    }

    private static async Task<string> StateAsync(ServiceProcess process, string appId)
    {
        using var http = new HttpClient { BaseAddress = await RunProcess.MetricsUrlAsync(process, appId) };
        using var body = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("/health/live", UriKind.Relative)));
        return body.RootElement.GetProperty("state").GetString()!;
    }

    private static string Header(ConsumeResult<string?, byte[]?> record, string key) =>
        Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(key));
}
