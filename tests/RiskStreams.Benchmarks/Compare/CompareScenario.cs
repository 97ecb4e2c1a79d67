namespace RiskStreams.Benchmarks.Compare;

/// <summary>
/// One row of the side-by-side comparison: a generic window scenario (kind, store, in process or end to end) run on both
/// engines, the risk topology (<see cref="Risk"/>: the same decider on both engines' processor APIs), or the ceiling (a plain
/// consume→produce pipe) run alone.
/// </summary>
internal sealed record CompareScenario(string Name, WindowKind Kind, bool RocksDb, bool EndToEnd, bool Ceiling = false, bool Risk = false)
{
    public const string RiskStreams = "riskstreams";
    public const string Streamiz = "streamiz";
    public const string Pipe = "confluent-pipe";

    /// <summary>Output records per input record (every update forwarded): 10 for hopping windows (10 min / 1 min), else 1.</summary>
    public double OutputsPerRecord => Kind == WindowKind.Hopping ? 10 : 1;

    /// <summary>The engines this scenario runs on; Streamiz only where it has the window kind.</summary>
    public IReadOnlyList<string> Engines => Ceiling ? [Pipe] : StreamizWindowTopology.Unsupported(Kind) is null ? [RiskStreams, Streamiz] : [RiskStreams];

    /// <summary>Why Streamiz does not run this scenario, when it does not.</summary>
    public string? StreamizUnsupported => Ceiling ? null : StreamizWindowTopology.Unsupported(Kind);

    public static IReadOnlyList<CompareScenario> All { get; } =
    [
        new("window-tumbling-inmemory-inproc", WindowKind.Tumbling, RocksDb: false, EndToEnd: false),
        new("window-tumbling-rocksdb-inproc", WindowKind.Tumbling, RocksDb: true, EndToEnd: false),
        new("window-hopping-inmemory-inproc", WindowKind.Hopping, RocksDb: false, EndToEnd: false),
        new("window-hopping-rocksdb-inproc", WindowKind.Hopping, RocksDb: true, EndToEnd: false),
        new("window-sliding-inmemory-inproc", WindowKind.Sliding, RocksDb: false, EndToEnd: false),
        new("window-session-inmemory-inproc", WindowKind.Session, RocksDb: false, EndToEnd: false),
        new("window-tumbling-inmemory-e2e", WindowKind.Tumbling, RocksDb: false, EndToEnd: true),
        new("window-hopping-inmemory-e2e", WindowKind.Hopping, RocksDb: false, EndToEnd: true),
        new("window-hopping-rocksdb-e2e", WindowKind.Hopping, RocksDb: true, EndToEnd: true),
        new("ceiling-pipe-e2e", WindowKind.Hopping, RocksDb: false, EndToEnd: true, Ceiling: true),
        new("risk-topology-inproc", WindowKind.Tumbling, RocksDb: false, EndToEnd: false, Risk: true),
        new("risk-topology-e2e", WindowKind.Tumbling, RocksDb: false, EndToEnd: true, Risk: true),
    ];

    public static CompareScenario Find(string name) =>
        All.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"Unknown compare scenario '{name}'; known: {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));
}
