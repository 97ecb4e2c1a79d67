using System.Diagnostics;
using System.Text.Json;
using RiskStreams.Avro;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;
using RiskStreams.Service.Api;
using RiskStreams.Topology;

namespace RiskStreams.IntegrationTests;

/// <summary>
/// The review console in headless Chromium (npm <c>playwright-core</c> in <c>browser/</c>, driving Debian's chromium)
/// against a processor on the embedded cluster: an analyst looks an account up and clears it.
/// </summary>
public sealed class ReviewConsoleBrowserTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private const string Token = "console-token-42";
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    [ChromiumFact]
    public async Task Analyst_looks_an_account_up_and_submits_a_clear_that_arrives_on_the_reviews_topic()
    {
        var topology = new RiskTopologyOptions
        {
            TransactionsTopic = $"txn-{_run}", LoginsTopic = $"login-{_run}", RepaymentsTopic = $"repay-{_run}",
            SyncStatusTopic = $"status-{_run}", LevelChangesTopic = $"changes-{_run}", DeadLetterTopic = $"dlq-{_run}",
            ReorderGrace = TimeSpan.Zero,
        };
        var settings = new ApiSettings { Token = Token, ReviewsTopic = $"reviews-{_run}" };
        foreach (var topic in topology.InputTopics.Append(topology.LevelChangesTopic).Append(topology.DeadLetterTopic).Append(settings.ReviewsTopic))
        {
            stack.Cluster.CreateTopic(topic, 2);
        }

        await PublishAsync(topology, "acc-browser");
        await using var instance = await ApiInstance.StartAsync(stack, $"console-{_run}", topology, settings);
        using var http = instance.Client(Token);
        await Wait.UntilAsync(() => http.Send(new HttpRequestMessage(HttpMethod.Get, "/accounts/acc-browser/risk")).IsSuccessStatusCode, "the account to be readable");
        var output = Path.Combine(AppContext.BaseDirectory, "browser-artifacts");
        Directory.CreateDirectory(output);
        var screenshot = Path.Combine(output, "console-clear.png");
        File.Delete(screenshot);

        var page = await RunConsoleScriptAsync(instance.Url, "acc-browser", screenshot);

        Assert.Equal("NORMAL", page.GetProperty("levelBefore").GetString());
        var features = page.GetProperty("features").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("txnCount1h", features);
        Assert.Contains("spend24hMinor", features);
        Assert.Equal(Token, page.GetProperty("tokenKept").GetString());
        Assert.StartsWith("Decision rev-", page.GetProperty("reviewState").GetString(), StringComparison.Ordinal);
        Assert.True(new FileInfo(screenshot).Length > 0);
        var record = Assert.Single(TopicReader.ReadAll(stack.Cluster.BootstrapServers, settings.ReviewsTopic, 1));
        var review = ReviewRecords.Read(record.Message.Value!);
        Assert.Equal("acc-browser", record.Message.Key);
        Assert.Equal(("acc-browser", "staff-42", ReviewKind.APPEAL, ReviewOutcome.CLEAR), (review.accountId, review.reviewer, review.kind, review.outcome));
        Assert.Equal(["SPEND_SPIKE", "NEW_DEVICE"], review.suppressReasons);
        Assert.Equal("Customer showed the receipt", review.note);
        Assert.Null(review.level);
        Assert.Null(review.validUntil);
        Assert.Contains(review.reviewId, page.GetProperty("reviewState").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> RunConsoleScriptAsync(string url, string account, string screenshot)
    {
        var scripts = BrowserDirectory();
        Assert.True(Directory.Exists(Path.Combine(scripts, "node_modules", "playwright-core")),
            $"playwright-core is not installed: run `npm ci` in {scripts} (.ci/run does).");
        var profile = Path.Combine(Path.GetTempPath(), $"rs-chromium-{Guid.NewGuid():N}");
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node")
            {
                ArgumentList = { Path.Combine(scripts, "console-clear.mjs"), url, Token, account, screenshot, profile },
                WorkingDirectory = scripts,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await node.WaitForExitAsync(deadline.Token);
            Assert.True(node.ExitCode == 0, $"the console script failed ({node.ExitCode}): {await stderr}");
            return JsonDocument.Parse((await stdout).Trim().Split('\n')[^1]).RootElement.Clone();
        }
        finally
        {
            if (Directory.Exists(profile))
            {
                Directory.Delete(profile, recursive: true);
            }
        }
    }

    /// <summary>tests/RiskStreams.IntegrationTests/browser of this checkout, found upwards from the test output.</summary>
    private static string BrowserDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "RiskStreams.IntegrationTests", "browser");
            if (File.Exists(Path.Combine(candidate, "console-clear.mjs")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/RiskStreams.IntegrationTests/browser not found above " + AppContext.BaseDirectory);
    }

    private async Task PublishAsync(RiskTopologyOptions topology, string account)
    {
        using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = stack.Registry.Url });
        using var publisher = new WorkloadPublisher(stack.Cluster.BootstrapServers, registry);
        var at = DateTime.UtcNow.AddMinutes(-1);
        publisher.Publish(new GeneratedEvent(topology.TransactionsTopic, account, new Transaction
        {
            eventId = $"{account}-t1", accountId = account, occurredAt = at, amountMinor = 2_500, currency = "CNY", merchantId = "m-1",
            merchantCategory = "5999", channel = TransactionChannel.ONLINE, kind = TransactionKind.PURCHASE, status = TransactionStatus.APPROVED,
        }, (long)(at - DateTime.UnixEpoch).TotalMilliseconds));
        await publisher.FlushAsync(CancellationToken.None);
    }
}
