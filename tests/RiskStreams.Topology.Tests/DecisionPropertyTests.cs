using FsCheck;
using FsCheck.Fluent;
using RiskStreams.Risk;
using RiskStreams.Streams;
using RiskStreams.Topology.Internal;

namespace RiskStreams.Topology.Tests;

/// <summary>
/// Properties over generated event streams through the production topology in the test driver: the decisions depend on the
/// events only — not on how they are paced, reordered within the grace, or interrupted by a crash and replayed.
/// </summary>
public sealed class DecisionPropertyTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(150).WithQuietOnSuccess(true);
    private static readonly int GraceMs = (int)new RiskTopologyOptions().ReorderGrace.TotalMilliseconds;

    [Fact]
    public void The_same_stream_always_gives_the_same_changes()
    {
        Check.One(Config, Prop.ForAll(GeneratedStreams.Streams.ToArbitrary(), events =>
            Run(events).SequenceEqual(Run(events))));
    }

    [Fact]
    public void Disorder_within_the_grace_changes_nothing()
    {
        var streams =
            from events in GeneratedStreams.Streams
            from jitter in Gen.ArrayOf(Gen.Choose(0, GraceMs - 1), events.Length)
            select (events, jitter);
        Check.One(Config, Prop.ForAll(streams.ToArbitrary(), s =>
        {
            // Arrival order: by event time plus a delay under the grace, so no event arrives after stream time passed its time plus the grace.
            var arrival = s.events.OrderBy(e => e.TimeMs + s.jitter[e.Index]).ThenBy(e => e.Index).ToList();
            return Run(arrival).SequenceEqual(Run(s.events));
        }));
    }

    [Fact]
    public void A_crash_and_replay_from_the_last_commit_at_any_offset_gives_the_same_changes_once_deduplicated_by_change_id()
    {
        var plans =
            from events in GeneratedStreams.Streams
            from commit in Gen.Choose(0, events.Length)
            from crash in Gen.Choose(commit, events.Length)
            select (events, commit, crash);
        Check.One(Config, Prop.ForAll(plans.ToArbitrary(), p =>
        {
            var expected = Run(p.events).ToDictionary(c => c.ChangeId, c => c.Json);
            var seen = new Dictionary<string, string>();
            IReadOnlyList<Restore> committed;
            using (var before = new RiskTopologyDriver(registry.Serdes))
            {
                var readers = Restore.Readers(before);
                foreach (var e in p.events.Take(p.commit))
                {
                    GeneratedStreams.Pipe(before, e);
                }

                before.Driver.Commit();
                committed = [.. readers.Select(r => r.ReadAll())];
                foreach (var e in p.events.Skip(p.commit).Take(p.crash - p.commit))
                {
                    GeneratedStreams.Pipe(before, e);
                }

                Keep(seen, GeneratedStreams.Read(before));
            }

            // The crash loses what was not committed; the restarted instance restores the stores as of the commit and replays the input from there.
            using var after = new RiskTopologyDriver(registry.Serdes);
            foreach (var store in committed)
            {
                store.ApplyTo(after);
            }

            Keep(seen, GeneratedStreams.Run(after, p.events.Skip(p.commit)));
            return seen.Count == expected.Count && seen.All(c => expected.TryGetValue(c.Key, out var json) && json == c.Value);
        }));
    }

    [Fact]
    public void Duplicating_any_events_changes_nothing()
    {
        var streams =
            from events in GeneratedStreams.Streams
            from copies in Gen.ArrayOf(Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Constant(1))), events.Length)
            select (events, copies);
        Check.One(Config, Prop.ForAll(streams.ToArbitrary(), s =>
            Run(s.events.SelectMany(e => Enumerable.Repeat(e, 1 + s.copies[e.Index]))).SequenceEqual(Run(s.events))));
    }

    [Fact]
    public void Duplicated_failed_logins_do_not_escalate()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        for (var i = 0; i < 4; i++)
        {
            for (var copy = 0; copy < 2; copy++)
            {
                d.Login("acct-1", RiskTopologyDriver.T0.AddSeconds(10 * i), success: false, "dev-1", $"fail-{i}");
            }
        }

        d.Flush();
        Assert.Empty(d.Changes.ReadRecordsToList());
    }

    private List<(string ChangeId, string Json)> Run(IEnumerable<GeneratedEvent> events)
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        return GeneratedStreams.Run(d, events);
    }

    private static void Keep(Dictionary<string, string> seen, List<(string ChangeId, string Json)> changes)
    {
        foreach (var (id, json) in changes)
        {
            // A change emitted again after the replay must be the same change.
            if (seen.TryGetValue(id, out var earlier) && earlier != json)
            {
                throw new InvalidOperationException($"Change {id} differs after the replay:\n{earlier}\n{json}");
            }

            seen[id] = json;
        }
    }

    /// <summary>The changelog records of one store up to a point, to be written into another driver's store as a restore would.</summary>
    private abstract class Restore
    {
        public static IReadOnlyList<Restore> Readers(RiskTopologyDriver d) =>
        [
            new Restore<string, AccountRiskState>(d, RiskStoreNames.AccountState, Serdes.String, AccountStateSerde.Instance),
            new Restore<string, long>(d, RiskStoreNames.PendingSync, Serdes.String, Serdes.Long),
            new Restore<ReorderKey, AccountEvent>(d, RiskStoreNames.ReorderBuffer, ReorderKey.Serde, BufferedEventSerde.Instance),
            new Restore<string, long>(d, RiskStoreNames.StepDownTimers, Serdes.String, Serdes.Long),
        ];

        public abstract Restore ReadAll();

        public abstract void ApplyTo(RiskTopologyDriver d);
    }

    private sealed class Restore<TKey, TValue>(RiskTopologyDriver source, string store, Serde<TKey> keys, Serde<TValue> values) : Restore
    {
        private readonly List<(TKey Key, TValue? Value)> _records = [];

        public override Restore ReadAll()
        {
            var topic = source.Driver.CreateOutputTopic($"test-app-{store}-changelog", keys, values);
            _records.AddRange(topic.ReadRecordsToList().Select(r => (r.Key, (TValue?)r.Value)));
            return this;
        }

        public override void ApplyTo(RiskTopologyDriver d)
        {
            var target = d.Driver.GetKeyValueStore<TKey, TValue>(store);
            foreach (var (key, value) in _records)
            {
                if (value is null)
                {
                    target.Delete(key);
                }
                else
                {
                    target.Put(key, value);
                }
            }
        }
    }
}
