using System.Text.Json;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;
using Xunit.Abstractions;

namespace RiskStreams.IntegrationTests;

/// <summary>
/// <c>Logging:Format=json</c> gives one JSON object per line with stable event ids, and nothing logged at Information or above
/// names an account, a device or an IP address of the data processed.
/// </summary>
public sealed class LogPrivacyTests(ITestOutputHelper log)
{
    private const int Events = 12_000;
    private const int Accounts = 300;
    private const int Seed = 11;
    private static readonly string[] InformationOrAbove = ["Information", "Warning", "Error", "Critical"];

    [Fact]
    public async Task Json_logs_at_information_and_above_name_no_account_device_or_ip_of_the_generated_data()
    {
        using var dev = ServiceProcess.Start($"dev --events {Events} --rate 0 --accounts {Accounts} --seed {Seed} --metrics-port 0 --quiet --verbose",
            new Dictionary<string, string> { ["Logging__Format"] = "json" });
        Assert.Equal(0, await dev.WaitForExitAsync(TimeSpan.FromMinutes(3)));

        var entries = dev.Stdout.Lines().Concat(dev.Stderr.Lines()).Where(l => l.StartsWith('{')).Select(Entry).ToList();
        var shown = entries.Where(e => InformationOrAbove.Contains(e.Level)).ToList();
        log.WriteLine($"{entries.Count} JSON log lines, {shown.Count} at Information or above");

        // Every entry is structured, with an event id; both levels are there, so the check below has lines to look at.
        Assert.All(entries, e => Assert.True(e.EventId >= 0 && e.Category.Length > 0, e.Line));
        Assert.Contains(shown, e => e.Level == "Information" && e.EventId == 1);
        Assert.Contains(entries, e => e.Level == "Debug");

        // Skipped records are logged (event 2, Warning) with their error class only; their reasons are at Debug (event 9).
        Assert.Contains(shown, e => e.EventId == 2 && e.Level == "Warning");
        Assert.Contains(entries, e => e.EventId == 9 && e.Level == "Debug");

        var personal = PersonalValues();
        var leaks = shown.SelectMany(e => personal.Where(p => e.Line.Contains(p, StringComparison.Ordinal)).Select(p => $"{p} in {e.Line}")).Take(5).ToList();
        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
    }

    /// <summary>The account ids, device ids and IP addresses of the events dev generated (same generator, same seed).</summary>
    private static HashSet<string> PersonalValues()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in new WorkloadGenerator(new WorkloadOptions { Accounts = Accounts, Seed = Seed }).Generate().Take(Events))
        {
            values.Add(e.Key);
            switch (e.Value)
            {
                case Transaction t:
                    values.Add(t.accountId);
                    Add(values, t.deviceId);
                    Add(values, t.ipAddress);
                    break;
                case Login l:
                    values.Add(l.accountId);
                    Add(values, l.deviceId);
                    Add(values, l.ipAddress);
                    break;
                case RepaymentSync r:
                    values.Add(r.accountId);
                    break;
            }
        }

        return values;
    }

    private static void Add(HashSet<string> values, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            values.Add(value);
        }
    }

    private static (string Line, string Level, int EventId, string Category) Entry(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        return (line, root.GetProperty("LogLevel").GetString()!, root.GetProperty("EventId").GetInt32(), root.GetProperty("Category").GetString()!);
    }
}
