using System.Net;
using System.Net.Sockets;

namespace RiskStreams.IntegrationTests;

/// <summary>Every bad option, configuration or file gives one line naming it on stderr and exit 2 (real processes).</summary>
public sealed class FirstRunErrorTests
{
    private static readonly TimeSpan Exit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Missing_config_file_is_one_line_naming_it()
    {
        var file = $"missing-{Guid.NewGuid():N}.json";
        await AssertOneLineAsync($"run --config {file}", $"riskstreams: --config file {file} does not exist.");
    }

    [Fact]
    public async Task Config_file_with_bad_json_is_one_line_naming_it_and_the_position()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{ \"RiskStreams\": { oops");
        try
        {
            await AssertOneLineAsync($"run --config {file}",
                $"riskstreams: --config file {file} is not valid JSON: 'o' is an invalid start of a property name. Expected a '\"'. LineNumber: 0 | BytePositionInLine: 19.");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Missing_policy_file_is_one_line_naming_it_for_dev_and_run()
    {
        var file = $"missing-{Guid.NewGuid():N}.yaml";
        await AssertOneLineAsync($"dev --events 10 --metrics-port 0 --policy {file}", $"riskstreams: --policy file {file} does not exist.");
        await AssertOneLineAsync("run", $"riskstreams: RiskStreams:Policy:File {file} does not exist.", new Dictionary<string, string> { ["RISKSTREAMS__POLICY__FILE"] = file });
    }

    [Fact]
    public async Task Busy_metrics_port_is_one_line_naming_the_address_and_the_setting()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await AssertOneLineAsync($"dev --events 10 --metrics-port {port}",
            $"riskstreams: Failed to bind to address http://127.0.0.1:{port}: address already in use (the metrics/health port: --metrics-port or RiskStreams:Metrics:Port).",
            stdoutAllowed: true);
    }

    [Fact]
    public async Task Bad_option_value_is_one_line_naming_the_option_without_type_names()
    {
        await AssertOneLineAsync("dev --metrics-port abc", "riskstreams: --metrics-port: 'abc' is not a whole number. (see riskstreams dev --help)");
        await AssertOneLineAsync("topics check --partitions x", "riskstreams: --partitions: 'x' is not a whole number. (see riskstreams topics check --help)");
        await AssertOneLineAsync("frobnicate", "riskstreams: Unrecognized command or argument 'frobnicate'. (see riskstreams --help)");
    }

    [Fact]
    public async Task Bad_configuration_value_is_one_line_naming_the_setting()
    {
        await AssertOneLineAsync("run", "riskstreams: RiskStreams:Kafka:ProcessingGuarantee must be at_least_once or exactly_once_v2, was 'twice'.",
            new Dictionary<string, string> { ["RISKSTREAMS__KAFKA__PROCESSINGGUARANTEE"] = "twice" });
    }

    private static async Task AssertOneLineAsync(string arguments, string expected, Dictionary<string, string>? environment = null, bool stdoutAllowed = false)
    {
        using var process = ServiceProcess.Start(arguments, environment ?? []);

        Assert.Equal(2, await process.WaitForExitAsync(Exit));
        Assert.Equal([expected], process.Stderr.Lines());
        if (!stdoutAllowed)
        {
            Assert.Empty(process.Stdout.Lines());
        }
    }
}
