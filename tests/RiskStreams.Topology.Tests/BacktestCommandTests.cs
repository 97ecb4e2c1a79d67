using System.CommandLine;
using RiskStreams.Risk;
using RiskStreams.Service;

namespace RiskStreams.Topology.Tests;

/// <summary><c>riskstreams backtest</c> run in process through its System.CommandLine command, with temp files.</summary>
public sealed class BacktestCommandTests : IDisposable
{
    private readonly TestPolicies _files = new();
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    public void Dispose()
    {
        _files.Dispose();
        _stdout.Dispose();
        _stderr.Dispose();
    }

    [Fact]
    public void Completed_run_exits_0_with_changes_in_the_output_file_and_the_summary_on_stderr()
    {
        var output = Path.Combine(_files.Folder, "changes.jsonl");

        var exit = Invoke("--input", RiskBacktestTests.SamplePath, "--output", output);

        Assert.Equal(0, exit);
        using var expected = new StringWriter();
        RiskBacktest.Run(File.OpenText(RiskBacktestTests.SamplePath), expected, RiskPolicy.Default);
        Assert.Equal(expected.ToString(), File.ReadAllText(output));
        Assert.Equal("", _stdout.ToString());
        var summary = _stderr.ToString().Split('\n');
        Assert.Equal("backtest: policy default-2026.01 (default-policy.yaml): 52 events read, 47 accepted, 5 rejected, 0 dropped by the engine", summary[0]);
        Assert.Equal("backtest: 9 level changes (NORMAL 2, WATCH 2, RESTRICTED 3, SUSPENDED 2)", summary[1]);
        Assert.Equal("backtest: rejected line 38: logins event: missing required field 'accountId'", summary[4]);
    }

    [Fact]
    public void Without_output_the_changes_go_to_stdout()
    {
        var input = _files.Write("events.jsonl", new BacktestInput().Login("a", BacktestInput.T0, success: false, "d", "f-1").Raw("{").ToString());

        Assert.Equal(0, Invoke("--input", input));

        Assert.Equal("", _stdout.ToString());
        Assert.Contains("backtest: rejected line 2: invalid JSON", _stderr.ToString(), StringComparison.Ordinal);

        var probes = new BacktestInput();
        for (var i = 1; i <= 5; i++)
        {
            probes.Txn("card-1", BacktestInput.T0 + (i * BacktestInput.Second), 99, $"m-{i}", $"p-{i}");
        }

        Assert.Equal(0, Invoke("--input", _files.Write("probes.jsonl", probes.ToString())));
        Assert.Equal(["card-1|1|NORMAL|RESTRICTED|SMALL_TXN_PROBING|p-5"], RiskBacktestTests.Describe(_stdout.ToString()));
    }

    [Fact]
    public void Unreadable_input_exits_1()
    {
        var missing = Path.Combine(_files.Folder, "missing.jsonl");

        Assert.Equal(1, Invoke("--input", missing));

        Assert.StartsWith($"riskstreams: cannot read input {missing}: ", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_input_option_is_a_usage_error()
    {
        Assert.Equal(1, Invoke("--policy", "p.yaml"));

        Assert.Contains("--input", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_policy_exits_2_with_each_error_as_file_line_column_field_message_before_reading_input()
    {
        var yaml = TestPolicies.Edit(RiskPolicy.DefaultYaml, "multiple: 8 ", "multiple: lots ");
        var line = Array.FindIndex(yaml.Split('\n'), l => l.Contains("multiple: lots", StringComparison.Ordinal)) + 1;
        var policy = _files.Write("bad-policy.yaml", yaml);
        var output = Path.Combine(_files.Folder, "changes.jsonl");

        var exit = Invoke("--input", RiskBacktestTests.SamplePath, "--policy", policy, "--output", output);

        Assert.Equal(2, exit);
        Assert.Equal(
            $"{policy}:{line}:15: rules.SPEND_SPIKE.multiple: must be a number greater than 0 and at most 10000, was \"lots\"\npolicy {policy}: 1 error\n",
            _stderr.ToString());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Invalid_compare_policy_exits_2()
    {
        var policy = _files.Write("other.yaml", TestPolicies.Edit(RiskPolicy.DefaultYaml, "watch: 30", "watch: 0"));

        Assert.Equal(2, Invoke("--input", RiskBacktestTests.SamplePath, "--compare", policy));

        Assert.StartsWith($"{policy}:", _stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains(": levels.watch: ", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_prints_both_summaries_and_the_disagreeing_accounts_on_stderr()
    {
        var other = _files.Write("no-probing.yaml", TestPolicies.WithoutProbingYaml);

        Assert.Equal(0, Invoke("--input", RiskBacktestTests.SamplePath, "--compare", other));

        var report = _stderr.ToString();
        Assert.Contains($"backtest: policy no-probing-1 ({other}): 52 events read, 47 accepted, 5 rejected, 0 dropped by the engine\n", report, StringComparison.Ordinal);
        Assert.EndsWith(
            "compare: policy default-2026.01 vs no-probing-1: 6 accounts, 1 disagree (0 with a different final level); 9 vs 7 level changes\n"
            + "compare: account acct-cardtest: final NORMAL vs NORMAL\n"
            + "compare:   v1: NORMAL -> RESTRICTED at card-probe-5 [SMALL_TXN_PROBING] | (no change)\n"
            + "compare:   v2: RESTRICTED -> NORMAL at step-down@1767643650000 [RISK_CLEARED] | (no change)\n",
            report, StringComparison.Ordinal);
        Assert.Equal(9, RiskBacktestTests.Describe(_stdout.ToString()).Count);
    }

    private int Invoke(params string[] args) =>
        BacktestCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = _stdout, Error = _stderr });
}
