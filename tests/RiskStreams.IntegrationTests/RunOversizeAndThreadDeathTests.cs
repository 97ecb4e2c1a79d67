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
    public async Task A_valid_record_too_large_for_the_state_is_dead_lettered_naming_store_and_key_and_run_keeps_deciding_and_restarts()
    {
        const string appId = "run-oversize";
        var topology = RunProcess.CreateDevTopics(stack);
        using (var first = RunProcess.Start(stack, appId))
        {
            await RunProcess.UntilReadyAsync(first, appId);

            // Two valid transactions of 600 kB for one account: each fits, the account state holding both would not. The
            // reorder buffer holds them for its grace; the wall-clock release decides them, and the second is refused.
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

            var dead = Assert.Single(TopicReader.ReadAll(stack.Cluster.BootstrapServers, topology.DeadLetterTopic, 1));
            Assert.Equal(("huge-acct", null), (dead.Message.Key, dead.Message.Value));
            Assert.Equal("punctuation", Header(dead, DeadLetterHeaders.Stage));
            Assert.Equal(typeof(StateRecordTooLargeException).FullName, Header(dead, DeadLetterHeaders.ErrorClass));
            Assert.Matches("^Store 'account-risk-state' refused a write for key 'huge-acct': its changelog record would be 12[0-9]{5} bytes, over the limit of 1000000",
                Header(dead, DeadLetterHeaders.ErrorMessage));
            Console.WriteLine($"oversize dead letter: {Header(dead, DeadLetterHeaders.ErrorMessage)}");

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
