using System.Diagnostics;
using System.Text.Json;
using RiskStreams.Avro.Contracts;
using RiskStreams.Service.Api;
using RiskStreams.Topology;

namespace RiskStreams.IntegrationTests;

/// <summary>
/// The review console in headless Chromium (npm <c>playwright-core</c> in <c>browser/</c>, driving Debian's chromium)
/// against a processor on the embedded cluster: an analyst looks a restricted account up, clears it, and the page shows the
/// account NORMAL once the processor has applied the decision it consumed from the reviews topic.
/// </summary>
public sealed class ReviewConsoleBrowserTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private const string Token = "console-token-42";
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    [ChromiumFact]
    public async Task Analyst_clears_a_restricted_account_in_the_console_and_the_page_shows_it_normal()
    {
        var topology = new RiskTopologyOptions
        {
            TransactionsTopic = $"txn-{_run}", LoginsTopic = $"login-{_run}", RepaymentsTopic = $"repay-{_run}",
            SyncStatusTopic = $"status-{_run}", ReviewsTopic = $"reviews-{_run}", LevelChangesTopic = $"changes-{_run}",
            DeadLetterTopic = $"dlq-{_run}", ReorderGrace = TimeSpan.Zero,
        };

        // The console produces to the topic the processor consumes, as `run` wires it.
        var settings = new ApiSettings { Token = Token, ReviewsTopic = topology.ReviewsTopic };
        foreach (var topic in topology.InputTopics.Append(topology.LevelChangesTopic).Append(topology.DeadLetterTopic))
        {
            stack.Cluster.CreateTopic(topic, 2);
        }

        await CardTesting.PublishAsync(stack, topology.TransactionsTopic, "acc-browser", DateTime.UtcNow.AddMinutes(-5));
        await using var instance = await ApiInstance.StartAsync(stack, $"console-{_run}", topology, settings);
        using var http = instance.Client(Token);
        await Wait.UntilAsync(() => Level(http, "acc-browser") == "RESTRICTED", "the card-testing purchases to restrict the account");
        var output = Path.Combine(AppContext.BaseDirectory, "browser-artifacts");
        Directory.CreateDirectory(output);
        var screenshot = Path.Combine(output, "console-clear.png");
        File.Delete(screenshot);

        var page = await RunConsoleScriptAsync(instance.Url, "acc-browser", screenshot, "SMALL_TXN_PROBING");

        // Before: the restriction, its reason in customer language and in evidence form, its change.
        Assert.Equal("RESTRICTED", page.GetProperty("levelBefore").GetString());
        Assert.StartsWith("SMALL_TXN_PROBING (weight 60): ", Single(page, "reasonsBefore"), StringComparison.Ordinal);
        var message = Single(page, "messagesBefore");
        Assert.StartsWith("Several very small payments were made at different merchants within ", message, StringComparison.Ordinal);
        Assert.EndsWith(", a pattern used to test stolen card details.", message, StringComparison.Ordinal);
        Assert.Equal(["acc-browser:1"], Texts(page, "changesBefore"));
        var features = Texts(page, "features");
        Assert.Contains("txnCount1h", features);
        Assert.Contains("spend24hMinor", features);
        Assert.Equal(Token, page.GetProperty("tokenKept").GetString());

        // The decision on the topic, with the fields the analyst entered.
        var record = Assert.Single(TopicReader.ReadAll(stack.Cluster.BootstrapServers, settings.ReviewsTopic, 1));
        var review = ReviewRecords.Read(record.Message.Value!);
        Assert.Equal("acc-browser", record.Message.Key);
        Assert.Equal(("acc-browser", "staff-42", ReviewKind.APPEAL, ReviewOutcome.CLEAR), (review.accountId, review.reviewer, review.kind, review.outcome));
        Assert.Equal(["SMALL_TXN_PROBING"], review.suppressReasons);
        Assert.Equal(("Customer showed the receipt", "acc-browser:1"), (review.note, review.relatedChangeId));
        Assert.Null(review.level);
        Assert.Null(review.validUntil);
        Assert.Equal($"Decision {review.reviewId} recorded; waiting for the processor to apply it…", page.GetProperty("reviewState").GetString());

        // After: the processor applied it and the page, polling the account, shows NORMAL.
        Assert.Equal("Decision applied: the account is now NORMAL.", page.GetProperty("appliedState").GetString());
        Assert.Equal("NORMAL", page.GetProperty("levelAfter").GetString());
        var cleared = Single(page, "reasonsAfter");
        Assert.StartsWith("REVIEW_CLEARED (weight ", cleared, StringComparison.Ordinal);
        Assert.Contains($": reviewId={review.reviewId}, kind=APPEAL, previousLevel=RESTRICTED, suppressedReasons=SMALL_TXN_PROBING, suppressedUntil=", cleared, StringComparison.Ordinal);
        Assert.Equal("We reviewed your account again and found the earlier decision was not justified. Your account is back to normal.", Single(page, "messagesAfter"));
        Assert.Equal(["acc-browser:2", "acc-browser:1"], Texts(page, "changesAfter"));
        Assert.Equal([review.reviewId, ""], Texts(page, "changeReviews"));
        Assert.Equal([review.reviewId], Texts(page, "reviews"));
        Assert.Equal("NOTIFY_CUSTOMER, RESTORE_CREDIT", page.GetProperty("actions").GetString());
        Assert.True(new FileInfo(screenshot).Length > 0);

        // The same through the API.
        using var risk = JsonDocument.Parse(await http.GetStringAsync(new Uri("/accounts/acc-browser/risk", UriKind.Relative)));
        var view = risk.RootElement;
        Assert.Equal(("NORMAL", 2, "acc-browser:2"), (view.GetProperty("level").GetString(), view.GetProperty("version").GetInt64(), view.GetProperty("lastChangeId").GetString()));
        Assert.Equal(["REVIEW_CLEARED"], view.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        Assert.Equal(review.reviewId, view.GetProperty("reasons")[0].GetProperty("evidence").GetProperty("reviewId").GetString());
        var inForce = Assert.Single(view.GetProperty("reviews").EnumerateArray());
        Assert.Equal((review.reviewId, "APPEAL", "CLEAR"), (inForce.GetProperty("reviewId").GetString(), inForce.GetProperty("kind").GetString(), inForce.GetProperty("outcome").GetString()));
        Assert.Equal(["SMALL_TXN_PROBING"], inForce.GetProperty("suppressReasons").EnumerateArray().Select(c => c.GetString()));
        using var history = JsonDocument.Parse(await http.GetStringAsync(new Uri("/accounts/acc-browser/changes", UriKind.Relative)));
        Assert.Equal(
            [("acc-browser:2", "RESTRICTED", "NORMAL", review.reviewId, "reviews"), ("acc-browser:1", "NORMAL", "RESTRICTED", null, "transactions")],
            history.RootElement.GetProperty("changes").EnumerateArray().Select(c => (
                c.GetProperty("changeId").GetString(), c.GetProperty("previousLevel").GetString(), c.GetProperty("level").GetString(),
                c.GetProperty("reviewId").GetString(), c.GetProperty("triggeringStream").GetString())));
    }

    private static string? Level(HttpClient http, string account)
    {
        using var response = http.Send(new HttpRequestMessage(HttpMethod.Get, $"/accounts/{account}/risk"));
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var view = JsonDocument.Parse(response.Content.ReadAsStream());
        return view.RootElement.GetProperty("level").GetString();
    }

    private static List<string?> Texts(JsonElement page, string name) => [.. page.GetProperty(name).EnumerateArray().Select(t => t.GetString())];

    private static string Single(JsonElement page, string name) => Assert.Single(Texts(page, name))!;

    private static async Task<JsonElement> RunConsoleScriptAsync(string url, string account, string screenshot, string suppressReasons)
    {
        var scripts = BrowserDirectory();
        Assert.True(Directory.Exists(Path.Combine(scripts, "node_modules", "playwright-core")),
            $"playwright-core is not installed: run `npm ci` in {scripts} (.ci/run does).");
        var profile = Path.Combine(Path.GetTempPath(), $"rs-chromium-{Guid.NewGuid():N}");
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node")
            {
                ArgumentList = { Path.Combine(scripts, "console-clear.mjs"), url, Token, account, screenshot, profile, suppressReasons },
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
}
