using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using RiskStreams.DevStack;

namespace RiskStreams.IntegrationTests;

/// <summary>
/// What a live run's repartition topics show (printed by the parity test, never asserted): per topic, how many records reached a
/// partition behind a later one (and by how much), and for the crowd scenarios' events on their way back to the account, whether
/// the entity window they were joined with held every event of the window ending at them.
/// </summary>
internal static class RepartitionDiagnostics
{
    public static IEnumerable<string> Report(string bootstrap, IAdminClient admin, string appId, CrowdTruth truth, TimeSpan reorderGrace)
    {
        var expected = truth.WindowEventsAt;
        var topics = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Select(t => t.Topic)
            .Where(t => t.StartsWith($"{appId}-", StringComparison.Ordinal) && t.EndsWith("-repartition", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            var records = TopicReader.ReadToEnd(bootstrap, topic);
            long behind = 0, beyondGrace = 0, maxBehind = 0;
            foreach (var partition in records.GroupBy(r => r.Partition.Value))
            {
                var latest = long.MinValue;
                foreach (var r in partition.OrderBy(r => r.Offset.Value))
                {
                    var ts = r.Message.Timestamp.UnixTimestampMs;
                    if (ts < latest)
                    {
                        behind++;
                        beyondGrace += latest - ts > reorderGrace.TotalMilliseconds ? 1 : 0;
                        maxBehind = Math.Max(maxBehind, latest - ts);
                    }

                    latest = Math.Max(latest, ts);
                }
            }

            yield return string.Create(CultureInfo.InvariantCulture,
                $"{topic[(appId.Length + 1)..]}: {records.Count} records, {behind} behind an earlier record's time ({beyondGrace} by more than the reorder grace, at most {maxBehind / 1000.0:0.0} s)");
            if (!topic.Contains("-by-account-", StringComparison.Ordinal))
            {
                continue;
            }

            var seen = new Dictionary<CrowdScenarioKind, (int Exact, int Fewer, int None, int MissingOwn)>();
            foreach (var r in records)
            {
                using var json = JsonDocument.Parse(r.Message.Value!);
                var e = json.RootElement.GetProperty("event");
                if (!expected.TryGetValue(e.GetProperty("eventId").GetString()!, out var at))
                {
                    continue;
                }

                var kind = at.Kind switch
                {
                    CrowdScenarioKind.DeviceFarm or CrowdScenarioKind.FamilyTablet => "device",
                    CrowdScenarioKind.StuffingWave or CrowdScenarioKind.CorporateNat => "ip",
                    _ => "merchant",
                };
                var tally = seen.GetValueOrDefault(at.Kind);
                if (!e.TryGetProperty("entity", out var entity) || !entity.TryGetProperty(kind, out var window))
                {
                    tally.None++;
                }
                else
                {
                    var events = window.GetProperty("events").GetInt32();
                    tally = events == at.WindowEvents ? tally with { Exact = tally.Exact + 1 } : tally with { Fewer = tally.Fewer + 1 };
                    tally.MissingOwn += events == at.WindowEvents - 1 ? 1 : 0;
                }

                seen[at.Kind] = tally;
            }

            foreach (var (kind, t) in seen.OrderBy(s => s.Key))
            {
                yield return $"  {kind}: {t.Exact} joined with their whole window, {t.Fewer} with fewer events ({t.MissingOwn} of them missing just one), {t.None} with no window";
            }
        }
    }
}
