using Avro.Specific;
using RiskStreams.Avro.Contracts;
using RiskStreams.Risk;
using RiskStreams.Topology.Internal;

namespace RiskStreams.Topology;

/// <summary>
/// Runs recorded events through the production risk topology offline — in the engine's OfflineTopologyRunner, with no
/// broker and an in-memory Schema Registry — and writes every <c>RiskLevelChanged</c> as a JSON line.
/// </summary>
/// <remarks>
/// <para>Input: one JSON object per line, <c>{"stream": "transactions" | "logins" | "repayments" | "sync-status", "event": {…}}</c>,
/// the event with the Avro field names of its schema (Transaction, Login, RepaymentSync, SyncStatus), timestamps
/// as epoch milliseconds, enums as symbols, optional fields omitted or null; unknown fields are errors. Lines
/// are fed in file order (arrival order), each keyed by its accountId (sourceSystem for sync-status) and stamped
/// with its event's own time (occurredAt; reportedAt for sync-status). Blank lines are skipped.</para>
/// <para>A line that is not a valid event, or that the topology rejects (its engine would dead-letter it), is
/// reported with its line number and reason and the run goes on.</para>
/// <para>The processing clock a line is judged against (<see cref="RiskTopologyOptions.MaxClockSkew"/>) is the median timestamp
/// of the line and the next 16 lines, so a line dated 2099 among lines of 2026 is refused with the reason, as <c>run</c> would
/// dead-letter it. <c>decidedAt</c> is the highest timestamp fed so far that was not refused as too far ahead (when a processor
/// keeping pace with the events would have decided). The same input always gives byte-identical output.</para>
/// <para>Output: one compact JSON object per change, in output order, with the schema's field names, enums as
/// symbols and timestamps as epoch milliseconds.</para>
/// <para>The topology holds each event for its reorder grace (<see cref="RiskTopologyOptions.ReorderGrace"/>) so events are
/// decided in event-time order: a change is written when a later line moves stream time past the grace, and whatever is
/// still held when the input ends is decided then (as if the grace had passed with no further input).</para>
/// </remarks>
public static class RiskBacktest
{
    /// <summary>Later lines whose median timestamp, with the line's own, is the skew reference at a line (see <see cref="ReplayTimeline"/>).</summary>
    private const int TimelineLookahead = 16;

    /// <summary>
    /// One line of backtest input for <paramref name="record"/> (a <c>Transaction</c>, <c>Login</c>, <c>RepaymentSync</c>,
    /// <c>SyncStatus</c> or <c>ReviewDecision</c>): <c>{"stream": …, "event": {…}}</c> with the record's fields by their Avro
    /// names, as <see cref="Run"/> reads it (so records taken from the topics can be replayed).
    /// </summary>
    public static string InputLine(ISpecificRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var stream = record switch
        {
            Transaction => "transactions",
            Login => "logins",
            RepaymentSync => "repayments",
            ReviewDecision => ReviewEvent.StreamName,
            SyncStatus => "sync-status",
            _ => throw new ArgumentException($"No backtest stream reads a {record.GetType().Name}.", nameof(record)),
        };
        return $"{{\"stream\":\"{stream}\",\"event\":{AvroJsonWriter.Write(record)}}}";
    }

    /// <summary>Runs <paramref name="policy"/> over <paramref name="input"/>, writing each change to <paramref name="changes"/>.</summary>
    /// <returns>Counts, changes per level, engine drops and rejected lines.</returns>
    public static BacktestSummary Run(TextReader input, TextWriter changes, RiskPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Execute(input, changes, [policy]).Summaries[0];
    }

    /// <summary>
    /// A shadow run: runs <paramref name="policy"/> and <paramref name="otherPolicy"/> side by side over the same
    /// input (read once), writes <paramref name="policy"/>'s changes to <paramref name="changes"/>, and compares
    /// the two runs' changes per account.
    /// </summary>
    /// <returns>Both runs' summaries and the accounts on which the policies decided differently.</returns>
    public static BacktestComparison Compare(TextReader input, TextWriter changes, RiskPolicy policy, RiskPolicy otherPolicy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(otherPolicy);
        var result = Execute(input, changes, [policy, otherPolicy]);
        return new BacktestComparison(result.Summaries[0], result.Summaries[1], result.Accounts,
            ChangeComparer.Compare(result.Changes[0], result.Changes[1]));
    }

    private static (BacktestSummary[] Summaries, Dictionary<string, List<BacktestChange>>[] Changes, long Accounts) Execute(
        TextReader input, TextWriter output, RiskPolicy[] policies)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        using var registry = InMemorySchemaRegistryHandler.CreateClient();
        var serdes = new RiskSerdes(registry);
        var runs = new List<BacktestRun>();
        try
        {
            runs.AddRange(policies.Select(p => new BacktestRun(p, serdes)));
            var kept = policies.Select(_ => new Dictionary<string, List<BacktestChange>>(StringComparer.Ordinal)).ToArray();
            var accounts = new HashSet<string>(StringComparer.Ordinal);
            long lineNumber = 0, eventsRead = 0;
            var timeline = new ReplayTimeline(TimelineLookahead);
            while (input.ReadLine() is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                eventsRead++;
                try
                {
                    timeline.Add(lineNumber, BacktestEventReader.Parse(line), null);
                }
                catch (BacktestInputException ex)
                {
                    timeline.Add(lineNumber, null, ex.Message);
                }

                FeedReady(inputEnded: false);
            }

            FeedReady(inputEnded: true);

            // Events still held for reordering are decided now that no earlier one can come.
            for (var i = 0; i < runs.Count; i++)
            {
                Emit(i, runs[i].Finish());
            }

            output.Flush();
            return ([.. runs.Select(r => r.Summary(eventsRead))], kept, accounts.Count);

            void FeedReady(bool inputEnded)
            {
                while (timeline.TryTake(inputEnded, out var entry, out var nowMs))
                {
                    if (entry.Event is not { } e)
                    {
                        runs.ForEach(r => r.Reject(entry.LineNumber, entry.Error!));
                        continue;
                    }

                    if (e.Stream != BacktestEventReader.SyncStatus)
                    {
                        accounts.Add(e.Key);
                    }

                    for (var i = 0; i < runs.Count; i++)
                    {
                        Emit(i, runs[i].Feed(entry.LineNumber, e, nowMs));
                    }
                }
            }

            void Emit(int run, IReadOnlyList<RiskLevelChanged> changes)
            {
                foreach (var change in changes)
                {
                    if (run == 0)
                    {
                        output.Write(AvroJsonWriter.Write(change));
                        output.Write('\n');
                    }

                    if (runs.Count > 1)
                    {
                        Keep(kept[run], change);
                    }
                }
            }
        }
        finally
        {
            runs.ForEach(r => r.Dispose());
        }
    }

    private static void Keep(Dictionary<string, List<BacktestChange>> kept, RiskLevelChanged change)
    {
        if (!kept.TryGetValue(change.accountId, out var list))
        {
            list = [];
            kept.Add(change.accountId, list);
        }

        list.Add(BacktestChange.From(change));
    }
}
