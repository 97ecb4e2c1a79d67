using System.CommandLine;
using System.Text;
using RiskStreams.Risk;
using RiskStreams.Topology;

namespace RiskStreams.Service;

/// <summary>
/// <c>riskstreams backtest --input events.jsonl [--policy policy.yaml] [--output changes.jsonl] [--compare other-policy.yaml]</c>:
/// runs the production topology over recorded events offline (see <see cref="RiskBacktest"/>). Changes go to the
/// output file or stdout, the summary (and the comparison) to stderr. Exit 0 when the run completed, rejected
/// lines included; 1 when the input cannot be read (or the output written); 2 when a policy is invalid or unreadable.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Recorded events, one JSON object per line: {\"stream\": ..., \"event\": {...}}.", Required = true };
        var policy = new Option<string?>("--policy") { Description = "Policy YAML to run (default: the shipped default policy)." };
        var output = new Option<string?>("--output") { Description = "Write the changes (JSON lines) to this file instead of stdout." };
        var compare = new Option<string?>("--compare") { Description = "Shadow run: also run this policy and report where the two disagree." };
        var command = new Command("backtest", "Run a policy over recorded events offline, through the production topology (no broker).")
        {
            input, policy, output, compare,
        };
        command.SetAction(parse => Run(parse.GetValue(input)!, parse.GetValue(policy), parse.GetValue(output), parse.GetValue(compare),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string inputPath, string? policyPath, string? outputPath, string? comparePath, TextWriter stdout, TextWriter stderr)
    {
        // Both policies are checked before any input is read, and every error of both is printed.
        var policy = LoadPolicy(policyPath, stderr);
        var other = comparePath is null ? null : LoadPolicy(comparePath, stderr);
        if (policy is null || (comparePath is not null && other is null))
        {
            return 2;
        }

        StreamReader reader;
        try
        {
            reader = new StreamReader(inputPath, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"riskstreams: cannot read input {inputPath}: {ex.Message}");
            return 1;
        }

        using (reader)
        {
            try
            {
                using var file = outputPath is null ? null : new StreamWriter(outputPath, append: false, new UTF8Encoding(false));
                var changes = file ?? stdout;
                if (other is null)
                {
                    RiskBacktest.Run(reader, changes, policy).WriteTo(stderr);
                }
                else
                {
                    var comparison = RiskBacktest.Compare(reader, changes, policy, other);
                    comparison.Summary.WriteTo(stderr);
                    comparison.OtherSummary.WriteTo(stderr);
                    comparison.WriteTo(stderr);
                }

                return 0;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"riskstreams: backtest stopped: {ex.Message}");
                return 1;
            }
        }
    }

    private static RiskPolicy? LoadPolicy(string? path, TextWriter stderr)
    {
        if (path is null)
        {
            return RiskPolicy.Default;
        }

        try
        {
            return RiskPolicyLoader.LoadFile(path);
        }
        catch (PolicyValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                stderr.WriteLine(error.Format(path));
            }

            stderr.WriteLine($"policy {path}: {ex.Errors.Count} error{(ex.Errors.Count == 1 ? "" : "s")}");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"riskstreams: cannot read policy {path}: {ex.Message}");
            return null;
        }
    }
}
