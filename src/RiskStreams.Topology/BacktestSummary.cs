using System.Globalization;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.Topology;

/// <summary>What one policy's backtest run read, accepted, rejected and emitted.</summary>
/// <param name="PolicyVersion">Version of the policy that decided.</param>
/// <param name="PolicySource">Where the policy was loaded from (a path, or the default policy's name).</param>
/// <param name="EventsRead">Non-blank input lines (blank lines are skipped silently).</param>
/// <param name="EventsAccepted">Events fed through the topology without being rejected.</param>
/// <param name="ChangesByLevel">Level changes emitted, by the level changed to, every level present.</param>
/// <param name="DroppedRecords">Records the engine dropped (late or with an invalid timestamp), as the test driver counts them.</param>
/// <param name="Rejected">Rejected lines in input order.</param>
public sealed record BacktestSummary(
    string PolicyVersion,
    string PolicySource,
    long EventsRead,
    long EventsAccepted,
    IReadOnlyDictionary<RiskLevel, long> ChangesByLevel,
    long DroppedRecords,
    IReadOnlyList<BacktestRejection> Rejected)
{
    /// <summary>All level changes emitted.</summary>
    public long Changes => ChangesByLevel.Values.Sum();

    /// <summary>Writes the summary as readable lines: counts first, then each rejected line with its reason.</summary>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var source = string.IsNullOrEmpty(PolicySource) ? "" : $" ({PolicySource})";
        writer.Write(Invariant($"backtest: policy {PolicyVersion}{source}: {EventsRead} events read, {EventsAccepted} accepted, "));
        writer.Write(Invariant($"{Rejected.Count} rejected, {DroppedRecords} dropped by the engine\n"));
        writer.Write(Invariant($"backtest: {Changes} level changes ({string.Join(", ", ChangesByLevel.Select(l => Invariant($"{l.Key} {l.Value}")))})\n"));
        foreach (var rejection in Rejected)
        {
            writer.Write(Invariant($"backtest: rejected line {rejection.LineNumber}: {rejection.Reason}\n"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
