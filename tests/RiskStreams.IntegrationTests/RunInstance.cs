using System.Net.Http.Json;
using System.Text.Json;
using RiskStreams.DevStack;
using RiskStreams.Topology;

namespace RiskStreams.IntegrationTests;

/// <summary>
/// One application of <c>riskstreams run</c> on the embedded stack for operational tests: its topics (inputs, output,
/// dead letters, store changelogs), its settings, and helpers to start instances and read their health and CPU time.
/// </summary>
internal sealed class RunInstance(StackFixture stack, string name, string stateDirectory)
{
    public const int Partitions = 4;
    /// <summary>The risk topology's logged stores, whose changelogs are made beforehand (the cluster cannot create them).</summary>
    public static readonly string[] Stores = [RiskStoreNames.AccountState, RiskStoreNames.PendingSync, RiskStoreNames.ReorderBuffer, RiskStoreNames.StepDownTimers];

    public string Id { get; } = $"{name}-{Guid.NewGuid().ToString("N")[..8]}";

    public WorkloadTopics Inputs { get; private set; } = new();

    public string Output => $"{Id}-changes";

    public string DeadLetters => $"{Id}-dlq";

    /// <summary>Extra settings (environment variable, value) for every instance started.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>The input topics the group reads (sync status is a global table, read outside the group).</summary>
    public string[] GroupTopics => [Inputs.Transactions, Inputs.Logins, Inputs.Repayments, Inputs.Reviews];

    public RunInstance CreateTopics()
    {
        Inputs = new WorkloadTopics
        {
            Transactions = $"{Id}-txn", Logins = $"{Id}-logins", Repayments = $"{Id}-repay", SyncStatus = $"{Id}-status",
            Reviews = $"{Id}-reviews",
        };
        foreach (var topic in new[] { Inputs.Transactions, Inputs.Logins, Inputs.Repayments, Inputs.SyncStatus, Inputs.Reviews, Output, DeadLetters })
        {
            stack.Cluster.CreateTopic(topic, Partitions);
        }

        foreach (var store in Stores)
        {
            // The embedded cluster has no CreateTopics API; a real cluster gets these from the processor itself.
            stack.Cluster.CreateTopic($"{Id}-{store}-changelog", Partitions);
        }

        return this;
    }

    public ServiceProcess Start(bool verbose = false) =>
        ServiceProcess.Start(verbose ? "run --verbose" : "run", Environment());

    /// <summary>The instance's state as <c>/health</c> reports it.</summary>
    public static async Task<string> StateAsync(HttpClient http, Uri baseAddress)
    {
        using var response = await http.GetAsync(new Uri(baseAddress, "/health"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("state").GetString()!;
    }

    /// <summary>User plus system CPU time of a process so far (Linux <c>/proc/{pid}/stat</c>).</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        const double ticksPerSecond = 100; // USER_HZ on Linux
        return TimeSpan.FromSeconds((long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / ticksPerSecond);
    }

    private Dictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>
        {
            ["RISKSTREAMS__KAFKA__BOOTSTRAPSERVERS"] = stack.Cluster.BootstrapServers,
            ["RISKSTREAMS__KAFKA__APPLICATIONID"] = Id,
            ["RISKSTREAMS__KAFKA__STATEDIRECTORY"] = stateDirectory,

            // The account topology alone (four stores, one task per partition), as these idle and restart figures are counted;
            // the entity branches add five sub-topologies with their own stores.
            ["RISKSTREAMS__DECISIONS__ENTITYSIGNALS"] = "false",
            ["RISKSTREAMS__SCHEMAREGISTRY__URL"] = stack.Registry.Url,
            ["RISKSTREAMS__METRICS__HOST"] = "127.0.0.1",
            ["RISKSTREAMS__METRICS__PORT"] = "0",
            ["RISKSTREAMS__TOPICS__TRANSACTIONS"] = Inputs.Transactions,
            ["RISKSTREAMS__TOPICS__LOGINS"] = Inputs.Logins,
            ["RISKSTREAMS__TOPICS__REPAYMENTS"] = Inputs.Repayments,
            ["RISKSTREAMS__TOPICS__REVIEWS"] = Inputs.Reviews,
            ["RISKSTREAMS__TOPICS__SYNCSTATUS"] = Inputs.SyncStatus,
            ["RISKSTREAMS__TOPICS__LEVELCHANGES"] = Output,
            ["RISKSTREAMS__TOPICS__DEADLETTER"] = DeadLetters,
        };
        foreach (var (key, value) in Settings)
        {
            environment[key] = value;
        }

        return environment;
    }
}
