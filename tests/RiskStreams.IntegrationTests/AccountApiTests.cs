using System.Net;
using System.Text;
using System.Text.Json;
using RiskStreams.Avro;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;
using RiskStreams.Service.Api;
using RiskStreams.Streams;
using RiskStreams.Topology;

namespace RiskStreams.IntegrationTests;

/// <summary>The account risk API over real HTTP, against processors on the embedded cluster (4 partitions).</summary>
public sealed class AccountApiTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private const string Token = "test-token-0123456789";
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Account_hosted_by_the_other_instance_is_answered_through_it()
    {
        var topology = CreateTopics();
        var accounts = Enumerable.Range(0, 12).Select(i => $"acc-{i}").ToList();
        await PublishAsync(topology, accounts);
        await using var a = await ApiInstance.StartAsync(stack, $"api-{_run}", topology, Settings());
        await Wait.UntilAsync(() => a.Processor.Streams.State == StreamsState.Running, "the first instance to run");
        await using var b = await ApiInstance.StartAsync(stack, $"api-{_run}", topology, Settings());
        await Wait.UntilAsync(() => Tasks(a) > 0 && Tasks(b) > 0 && a.Processor.Streams.State == StreamsState.Running && b.Processor.Streams.State == StreamsState.Running,
            "both instances to run with tasks of their own");
        await Wait.UntilAsync(() => accounts.All(id => Where(a, id).Status != KeyQueryStatus.Unknown && Where(b, id).Status != KeyQueryStatus.Unknown),
            "each instance to know the owner of every account's partition");

        // The group balances the count of anchor partitions, not each sub-topology: with the entity branches' three
        // sub-topologies one instance may host every decider task (then the other forwards every account). The
        // request goes through an instance that does not host the account, whichever of the two that is.
        Console.WriteLine($"account API: tasks {string.Join(" ", TaskList(a))} at the first instance, {string.Join(" ", TaskList(b))} at the second");
        var (via, owner) = accounts.Any(id => Where(a, id).Status == KeyQueryStatus.Remote) ? (a, b) : (b, a);
        var remote = accounts.First(id => Where(via, id).Status == KeyQueryStatus.Remote);
        Assert.Equal((KeyQueryStatus.Local, owner.Server), (Where(owner, remote).Status, Where(via, remote).Host));
        using var viaClient = via.Client(Token);
        using var atOwner = owner.Client(Token);
        await Wait.UntilAsync(() => accounts.All(id => Get(viaClient, $"/accounts/{id}/risk").Status == HttpStatusCode.OK), "every account's state to be readable");

        var direct = Get(atOwner, $"/accounts/{remote}/risk");
        var proxied = Get(viaClient, $"/accounts/{remote}/risk");

        Assert.Equal(HttpStatusCode.OK, proxied.Status);
        Assert.Equal(owner.Server, proxied.Instance);
        // The same answer, but for the instant it was read at ("asOf": the reading instance's clock).
        Assert.Equal(WithoutAsOf(direct.Body), WithoutAsOf(proxied.Body));
        using var view = JsonDocument.Parse(proxied.Body);
        Assert.Equal(remote, view.RootElement.GetProperty("accountId").GetString());
        Assert.Equal("NORMAL", view.RootElement.GetProperty("level").GetString());
        Assert.Equal(1, view.RootElement.GetProperty("features").GetProperty("txnCount24h").GetInt32());
        Assert.Equal(2_500, view.RootElement.GetProperty("features").GetProperty("spend24hMinor").GetInt64());
        var changes = Get(viaClient, $"/accounts/{remote}/changes");
        Assert.Equal((HttpStatusCode.OK, owner.Server), (changes.Status, changes.Instance));
        Assert.Equal(remote, JsonDocument.Parse(changes.Body).RootElement.GetProperty("accountId").GetString());

        // A local account is answered by the instance itself; an unknown one is 404 wherever its partition lives.
        Assert.Equal((HttpStatusCode.OK, owner.Server), (direct.Status, direct.Instance));
        var unknownRemote = Enumerable.Range(0, 100).Select(i => $"nobody-{i}").First(id => Where(via, id).Status == KeyQueryStatus.Remote);
        var unknownLocal = Enumerable.Range(0, 100).Select(i => $"nobody-{i}").First(id => Where(owner, id).Status == KeyQueryStatus.Local);
        Assert.Equal((HttpStatusCode.NotFound, owner.Server), (Get(viaClient, $"/accounts/{unknownRemote}/risk").Status, Get(viaClient, $"/accounts/{unknownRemote}/risk").Instance));
        Assert.Equal((HttpStatusCode.NotFound, owner.Server), (Get(atOwner, $"/accounts/{unknownLocal}/risk").Status, Get(atOwner, $"/accounts/{unknownLocal}/risk").Instance));

        // Printed, never asserted: the cost of the extra hop.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
        {
            Get(atOwner, $"/accounts/{remote}/risk");
        }

        var localMs = clock.Elapsed.TotalMilliseconds / 200;
        clock.Restart();
        for (var i = 0; i < 200; i++)
        {
            Get(viaClient, $"/accounts/{remote}/risk");
        }

        Console.WriteLine($"account API: local read {localMs:0.00} ms, forwarded read {clock.Elapsed.TotalMilliseconds / 200:0.00} ms per request (200 each, sequential)");

        // Loop guard: a request already forwarded is never forwarded again.
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, $"/accounts/{remote}/risk");
        forwarded.Headers.Add(AccountApi.ForwardedHeader, "elsewhere:1");
        var again = viaClient.Send(forwarded);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        Assert.NotNull(again.Headers.RetryAfter);
    }

    [Fact]
    public async Task Restricted_account_is_served_with_its_level_reasons_and_last_change()
    {
        var topology = CreateTopics();
        var from = DateTime.UtcNow.AddMinutes(-5);
        await CardTesting.PublishAsync(stack, topology.TransactionsTopic, "acc-probe", from);
        await using var instance = await ApiInstance.StartAsync(stack, $"restricted-{_run}", topology, Settings());
        using var http = instance.Client(Token);
        await Wait.UntilAsync(() => Get(http, "/accounts/acc-probe/risk").Body.Contains("\"level\":\"RESTRICTED\"", StringComparison.Ordinal),
            "the card testing to restrict the account");

        using var view = JsonDocument.Parse(Get(http, "/accounts/acc-probe/risk").Body);
        var root = view.RootElement;
        Assert.Equal(("acc-probe", "RESTRICTED", 1L, "acc-probe:1"),
            (root.GetProperty("accountId").GetString(), root.GetProperty("level").GetString(), root.GetProperty("version").GetInt64(), root.GetProperty("lastChangeId").GetString()));
        Assert.Equal(["SMALL_TXN_PROBING"], root.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        Assert.Equal(from.AddMinutes(2), root.GetProperty("lastChangeAt").GetDateTime(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(5, root.GetProperty("features").GetProperty("txnCount24h").GetInt32());
        Assert.Empty(root.GetProperty("reviews").EnumerateArray());
    }

    [Fact]
    public async Task Api_refuses_requests_without_the_bearer_token_while_metrics_and_health_stay_open()
    {
        var topology = CreateTopics();
        await PublishAsync(topology, ["acc-1"]);
        using var log = new CapturedLog();
        using var loggers = log.Factory();
        await using var instance = await ApiInstance.StartAsync(stack, $"auth-{_run}", topology, Settings(), apiLoggers: loggers);
        using var anonymous = instance.Client(null);
        using var wrong = instance.Client("test-token-0123456788");
        using var right = instance.Client(Token);
        await Wait.UntilAsync(() => Get(right, "/accounts/acc-1/risk").Status == HttpStatusCode.OK, "the account to be readable");

        foreach (var client in new[] { anonymous, wrong })
        {
            var risk = client.Send(new HttpRequestMessage(HttpMethod.Get, "/accounts/acc-1/risk"));
            Assert.Equal(HttpStatusCode.Unauthorized, risk.StatusCode);
            Assert.Equal("Bearer", risk.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Equal(HttpStatusCode.Unauthorized, Get(client, "/accounts/acc-1/changes").Status);
            Assert.Equal(HttpStatusCode.Unauthorized, Post(client, "/reviews", "{}").Status);
        }

        Assert.Equal(HttpStatusCode.OK, Get(anonymous, "/metrics").Status);
        Assert.Equal(HttpStatusCode.OK, Get(anonymous, "/health").Status);
        var console = Get(anonymous, "/console/");
        Assert.Equal(HttpStatusCode.OK, console.Status);
        Assert.Contains("<title>RiskStreams review console</title>", console.Body, StringComparison.Ordinal);

        // Access lines name the route template and the status, never the account.
        Assert.Contains(log.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Information && l.Message.StartsWith("GET /accounts/{id}/risk -> 401 in ", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Message.StartsWith("GET /accounts/{id}/risk -> 200 in ", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Message.StartsWith("POST /reviews -> 401 in ", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.Message.Contains("acc-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_token_the_api_and_console_are_not_served()
    {
        var topology = CreateTopics();
        await using var instance = await ApiInstance.StartAsync(stack, $"off-{_run}", topology, new ApiSettings { ReviewsTopic = $"reviews-{_run}" });
        using var http = instance.Client(Token);
        await Wait.UntilAsync(() => instance.Processor.Streams.State == StreamsState.Running, "the instance to run");

        Assert.Equal(HttpStatusCode.NotFound, Get(http, "/accounts/acc-1/risk").Status);
        Assert.Equal(HttpStatusCode.NotFound, Get(http, "/console/").Status);
        Assert.Equal(HttpStatusCode.OK, Get(http, "/metrics").Status);
        Assert.Null(instance.Processor.Streams.ApplicationServer);
    }

    [Fact]
    public async Task Account_is_503_with_retry_after_while_its_partition_restores_then_answers_the_restored_state()
    {
        var topology = CreateTopics();
        await PublishAsync(topology, ["acc-7"]);
        await using (var first = await ApiInstance.StartAsync(stack, $"restore-{_run}", topology, Settings()))
        {
            using var http = first.Client(Token);
            await Wait.UntilAsync(() => Get(http, "/accounts/acc-7/risk").Status == HttpStatusCode.OK, "the account to be processed");
        }

        // The next instance restores the in-memory stores from their changelogs; the listener holds every restore back.
        using var gate = new RestoreGate();
        await using var second = await ApiInstance.StartAsync(stack, $"restore-{_run}", topology, Settings(), gate);
        using var client = second.Client(Token);
        await Wait.UntilAsync(() => gate.Started, "a restore to start");
        await Wait.UntilAsync(() => Where(second, "acc-7").Status == KeyQueryStatus.Local, "the instance to host the account's task");

        var restoring = client.Send(new HttpRequestMessage(HttpMethod.Get, "/accounts/acc-7/risk"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, restoring.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), restoring.Headers.RetryAfter?.Delta);
        Assert.True(Where(second, "acc-7").Restoring);

        gate.Open();
        await Wait.UntilAsync(() => Get(client, "/accounts/acc-7/risk").Status == HttpStatusCode.OK, "the restored account to be served");
        using var view = JsonDocument.Parse(Get(client, "/accounts/acc-7/risk").Body);
        Assert.Equal(1, view.RootElement.GetProperty("features").GetProperty("txnCount24h").GetInt32());
    }

    [Fact]
    public async Task Review_decision_is_produced_to_the_reviews_topic_with_the_fields_sent()
    {
        var topology = CreateTopics();
        var settings = Settings();
        stack.Cluster.CreateTopic(settings.ReviewsTopic, 4);
        await using var instance = await ApiInstance.StartAsync(stack, $"reviews-{_run}", topology, settings);
        using var http = instance.Client(Token);

        var invalid = Post(http, "/reviews", """{"accountId":"acc-3","reviewer":"staff-9","kind":"APPEAL","outcome":"OVERRIDE"}""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        var accepted = Post(http, "/reviews", """
            {"accountId":"acc-3","reviewer":"staff-9","kind":"MANUAL_REVIEW","outcome":"OVERRIDE","level":"WATCH",
             "validUntil":"2027-01-05T10:00:00Z","suppressReasons":["SPEND_SPIKE","NEW_DEVICE"],"note":"called the customer","relatedChangeId":"acc-3:2"}
            """);

        Assert.Equal(HttpStatusCode.Accepted, accepted.Status);
        var reviewId = JsonDocument.Parse(accepted.Body).RootElement.GetProperty("reviewId").GetString();
        var record = Assert.Single(TopicReader.ReadAll(stack.Cluster.BootstrapServers, settings.ReviewsTopic, 1));
        Assert.Equal("acc-3", record.Message.Key);
        var review = ReviewRecords.Read(record.Message.Value!);
        Assert.Equal(reviewId, review.reviewId);
        Assert.Equal(("acc-3", "staff-9", ReviewKind.MANUAL_REVIEW, ReviewOutcome.OVERRIDE, (RiskLevel?)RiskLevel.WATCH),
            (review.accountId, review.reviewer, review.kind, review.outcome, review.level));
        Assert.Equal(new DateTime(2027, 1, 5, 10, 0, 0, DateTimeKind.Utc), review.validUntil);
        Assert.Equal(["SPEND_SPIKE", "NEW_DEVICE"], review.suppressReasons);
        Assert.Equal(("called the customer", "acc-3:2"), (review.note, review.relatedChangeId));
    }

    private static string WithoutAsOf(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\"asOf\":\"[^\"]*\"", "\"asOf\":null");

    private static int Tasks(ApiInstance instance) => instance.Processor.Streams.LocalThreads.Sum(t => t.ActiveTasks.Count);

    private static IEnumerable<string> TaskList(ApiInstance instance) =>
        instance.Processor.Streams.LocalThreads.SelectMany(t => t.ActiveTasks).Select(t => t.ToString()).Order(StringComparer.Ordinal);

    private static KeyQueryMetadata Where(ApiInstance instance, string account) =>
        instance.Processor.Streams.QueryMetadataForKey(RiskStoreNames.AccountState, account, Serdes.String);

    private ApiSettings Settings() => new() { Token = Token, ReviewsTopic = $"reviews-{_run}" };

    private RiskTopologyOptions CreateTopics()
    {
        var topology = new RiskTopologyOptions
        {
            TransactionsTopic = $"txn-{_run}", LoginsTopic = $"login-{_run}", RepaymentsTopic = $"repay-{_run}",
            SyncStatusTopic = $"status-{_run}", ReviewsTopic = $"reviews-{_run}", LevelChangesTopic = $"changes-{_run}",
            DeadLetterTopic = $"dlq-{_run}", ReorderGrace = TimeSpan.Zero,
        };
        foreach (var topic in topology.InputTopics.Append(topology.LevelChangesTopic).Append(topology.DeadLetterTopic))
        {
            stack.Cluster.CreateTopic(topic, 4);
        }

        return topology;
    }

    private async Task PublishAsync(RiskTopologyOptions topology, IEnumerable<string> accounts)
    {
        using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = stack.Registry.Url });
        using var publisher = new WorkloadPublisher(stack.Cluster.BootstrapServers, registry);
        var at = DateTime.UtcNow.AddMinutes(-1);
        foreach (var account in accounts)
        {
            publisher.Publish(new GeneratedEvent(topology.TransactionsTopic, account, new Transaction
            {
                eventId = $"{account}-t1", accountId = account, occurredAt = at, amountMinor = 2_500, currency = "CNY", merchantId = "m-1",
                merchantCategory = "5999", channel = TransactionChannel.ONLINE, kind = TransactionKind.PURCHASE, status = TransactionStatus.APPROVED,
            }, (long)(at - DateTime.UnixEpoch).TotalMilliseconds));
        }

        await publisher.FlushAsync(CancellationToken.None);
    }

    private static (HttpStatusCode Status, string Body, string? Instance) Get(HttpClient http, string path) =>
        Answer(http.Send(new HttpRequestMessage(HttpMethod.Get, path)));

    private static (HttpStatusCode Status, string Body, string? Instance) Post(HttpClient http, string path, string json) =>
        Answer(http.Send(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") }));

    private static (HttpStatusCode Status, string Body, string? Instance) Answer(HttpResponseMessage response)
    {
        using (response)
        {
            var instance = response.Headers.TryGetValues(AccountApi.InstanceHeader, out var values) ? values.Single() : null;
            return (response.StatusCode, response.Content.ReadAsStringAsync().GetAwaiter().GetResult(), instance);
        }
    }

    /// <summary>Holds every store restore at its start until opened (blocking the restoring stream thread, as a slow restore would).</summary>
    private sealed class RestoreGate : IStateRestoreListener, IDisposable
    {
        private readonly ManualResetEventSlim _open = new();
        private volatile bool _started;

        public bool Started => _started;

        public void Open() => _open.Set();

        public void OnRestoreStart(string storeName, string changelogTopic, int partition, long startOffset, long endOffset)
        {
            _started = true;
            _open.Wait(TimeSpan.FromSeconds(60));
        }

        public void OnBatchRestored(string storeName, string changelogTopic, int partition, long batchEndOffset, long restoredRecords)
        {
        }

        public void OnRestoreEnd(string storeName, string changelogTopic, int partition, long totalRestored)
        {
        }

        public void Dispose() => _open.Dispose();
    }
}
