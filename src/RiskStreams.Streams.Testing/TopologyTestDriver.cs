using RiskStreams.Streams.Offline;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Testing;

/// <summary>
/// Runs a topology in process with no broker, as Kafka Streams' TopologyTestDriver does: the engine's
/// <see cref="OfflineTopologyRunner"/> (one task per sub-topology, each piped record processed at once with everything
/// it causes, wall-clock time advanced only on request) under the names tests know. The same input always gives the same output.
/// </summary>
public sealed class TopologyTestDriver : IDisposable
{
    private readonly OfflineTopologyRunner _runner;

    /// <summary>Builds the tasks of <paramref name="topology"/> and initializes their stores and processors.</summary>
    public TopologyTestDriver(Topology topology, TopologyTestDriverOptions? options = null) =>
        _runner = new OfflineTopologyRunner(topology, (options ?? new TopologyTestDriverOptions()).ToRunnerOptions());

    /// <summary>Topics the topology has produced to so far (internal ones included).</summary>
    public IReadOnlyCollection<string> ProducedTopicNames => _runner.ProducedTopicNames;

    /// <summary>Records dropped by operators (late, invalid timestamp) so far.</summary>
    public long DroppedRecordCount => _runner.DroppedRecordCount;

    /// <summary>Records the global-store updater dropped (null keys, invalid timestamps) so far.</summary>
    public long GlobalDroppedRecordCount => _runner.GlobalDroppedRecordCount;

    /// <summary>Current mocked wall-clock time.</summary>
    public long WallClockTimeMs => _runner.WallClockTimeMs;

    /// <summary>An input topic to pipe records into.</summary>
    public TestInputTopic<TKey, TValue> CreateInputTopic<TKey, TValue>(string topic, Serde<TKey> keySerde, Serde<TValue> valueSerde) =>
        new(_runner.CreateInputTopic(topic, keySerde, valueSerde));

    /// <summary>An output topic to read records from.</summary>
    public TestOutputTopic<TKey, TValue> CreateOutputTopic<TKey, TValue>(string topic, Serde<TKey> keySerde, Serde<TValue> valueSerde) =>
        new(_runner.CreateOutputTopic(topic, keySerde, valueSerde));

    /// <summary>Advances the mocked wall clock and fires due wall-clock punctuators.</summary>
    public void AdvanceWallClockTime(TimeSpan advance) => _runner.AdvanceWallClockTime(advance);

    /// <summary>Commits as a running instance does every commit interval (see <see cref="OfflineTopologyRunner.Commit"/>).</summary>
    public void Commit() => _runner.Commit();

    /// <summary>A store by name (typed interfaces such as <see cref="IKeyValueStore{TKey, TValue}"/>).</summary>
    public TStore GetStateStore<TStore>(string name)
        where TStore : class => _runner.GetStateStore<TStore>(name);

    /// <summary>A key-value store by name.</summary>
    public IKeyValueStore<TKey, TValue> GetKeyValueStore<TKey, TValue>(string name) => _runner.GetKeyValueStore<TKey, TValue>(name);

    /// <inheritdoc />
    public void Dispose() => _runner.Dispose();
}
