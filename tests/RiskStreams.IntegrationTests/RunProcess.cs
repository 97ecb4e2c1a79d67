using System.Net;
using RiskStreams.Avro;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;
using RiskStreams.Topology;

namespace RiskStreams.IntegrationTests;

/// <summary><c>riskstreams run</c> processes against the embedded cluster of a <see cref="StackFixture"/> set up as <c>riskstreams dev</c> sets up its own.</summary>
internal static class RunProcess
{
    /// <summary>The contract topics with 4 partitions, as <c>dev</c> creates them (no store changelogs).</summary>
    public static RiskTopologyOptions CreateDevTopics(StackFixture stack)
    {
        var topology = new RiskTopologyOptions();
        foreach (var topic in topology.InputTopics.Append(topology.LevelChangesTopic).Append(topology.DeadLetterTopic))
        {
            stack.Cluster.CreateTopic(topic, 4);
        }

        return topology;
    }

    /// <summary>Starts <c>run</c> with metrics on a free port and a short session timeout (the mock cluster makes a group's next member wait for it).</summary>
    public static ServiceProcess Start(StackFixture stack, string applicationId, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["RISKSTREAMS__KAFKA__BOOTSTRAPSERVERS"] = stack.Cluster.BootstrapServers,
            ["RISKSTREAMS__KAFKA__APPLICATIONID"] = applicationId,
            ["RISKSTREAMS__KAFKA__PROPERTIES__session.timeout.ms"] = "6000",
            ["RISKSTREAMS__SCHEMAREGISTRY__URL"] = stack.Registry.Url,
            ["RISKSTREAMS__METRICS__HOST"] = "127.0.0.1",
            ["RISKSTREAMS__METRICS__PORT"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return ServiceProcess.Start("run", environment);
    }

    /// <summary>Waits for the banner of <paramref name="applicationId"/> and returns the instance's base HTTP address (metrics, health).</summary>
    public static async Task<Uri> MetricsUrlAsync(ServiceProcess process, string applicationId, TimeSpan? deadline = null)
    {
        const string marker = "metrics at ";
        string? banner = null;
        await Wait.UntilAsync(() => (banner = process.Stdout.Lines().FirstOrDefault(l => l.StartsWith($"riskstreams run: {applicationId} on ", StringComparison.Ordinal))) is not null,
            $"the run banner (stderr: {process.Stderr})", deadline);
        var line = banner!;
        return new Uri(line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Replace("/metrics", "", StringComparison.Ordinal));
    }

    /// <summary>Waits for the banner, then until <c>/health/ready</c> answers 200 (global table bootstrapped, tasks restored and running).</summary>
    public static async Task UntilReadyAsync(ServiceProcess process, string applicationId)
    {
        using var http = new HttpClient { BaseAddress = await MetricsUrlAsync(process, applicationId) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/health/ready answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(200);
        }
    }

    /// <summary>Five small online purchases 20 s apart for one account (enough for the default policy to change its level), then an ordinary one.</summary>
    public static async Task PublishBurstAsync(StackFixture stack, string account, string prefix)
    {
        using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = stack.Registry.Url });
        using var publisher = new WorkloadPublisher(stack.Cluster.BootstrapServers, registry);
        var t0 = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

        // Five probes, then an ordinary purchase that carries the partition's stream time past the reorder grace
        // (decisions go by stream time only, so without it the fifth probe would wait for the partition's next record).
        for (var i = 0; i < 6; i++)
        {
            var at = t0.AddSeconds(20 * i);
            var purchase = Purchase(account, $"{prefix}-{i}", at, $"m-{i}");
            purchase.amountMinor = i < 5 ? 80 : 5_000;
            publisher.Publish(new GeneratedEvent(ContractTopics.Transactions, account, purchase, (long)(at - DateTime.UnixEpoch).TotalMilliseconds));
        }

        await publisher.FlushAsync(CancellationToken.None);
    }

    public static Transaction Purchase(string account, string eventId, DateTime at, string merchantId) => new()
    {
        eventId = eventId, accountId = account, occurredAt = at, amountMinor = 80, currency = "CNY", merchantId = merchantId,
        merchantCategory = "5999", channel = TransactionChannel.ONLINE, kind = TransactionKind.PURCHASE, status = TransactionStatus.APPROVED,
    };
}
