using System.Globalization;
using System.Text;
using RiskStreams.Risk;
using RiskStreams.Streams;
using RiskStreams.Topology.Internal;

namespace RiskStreams.Topology;

/// <summary>
/// The risk pipeline as a record handler: decodes the four input streams, keeps per-account features
/// and the payment sources' sync coverage, lets the policy decide, and emits each level change to
/// the output topic keyed by account. Records it cannot decode or that break the contract throw, so
/// the runtime routes them to the dead-letter topic.
/// </summary>
/// <remarks>State is in memory and per process: correct for a single instance. Changelogged stores
/// and a global sync-status table come with the engine's durability work.</remarks>
public sealed class RiskRecordHandler : IRecordHandler
{
    private readonly RiskTopologyOptions _options;
    private readonly RiskSerdes _serdes;
    private readonly AccountRiskDecider _decider;
    private readonly SyncCoverageTable _coverage = new();
    private readonly Dictionary<string, AccountRiskState> _accounts = new(StringComparer.Ordinal);

    /// <summary>Creates the handler.</summary>
    public RiskRecordHandler(RiskTopologyOptions options, RiskSerdes serdes)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _serdes = serdes ?? throw new ArgumentNullException(nameof(serdes));
        _decider = new AccountRiskDecider(options.Policy);
    }

    /// <summary>Accounts with state held.</summary>
    public int AccountCount => _accounts.Count;

    /// <summary>Current level of an account (NORMAL when unknown).</summary>
    public RiskLevel LevelOf(string accountId) => _accounts.TryGetValue(accountId, out var s) ? s.Level : RiskLevel.Normal;

    /// <inheritdoc />
    public void Process(in ConsumedRecord record, IRecordSink sink)
    {
        if (record.Topic == _options.SyncStatusTopic)
        {
            ProcessHeartbeat(record, sink);
            return;
        }

        AccountEvent e = record.Topic switch
        {
            var t when t == _options.TransactionsTopic => EventMapper.Map(Deserialize(_serdes.Transactions, record)),
            var t when t == _options.LoginsTopic => EventMapper.Map(Deserialize(_serdes.Logins, record)),
            var t when t == _options.RepaymentsTopic => EventMapper.Map(Deserialize(_serdes.Repayments, record)),
            _ => throw new InvalidEventException($"Topic {record.Topic} is not an input of the risk pipeline."),
        };

        CheckKey(record, e.AccountId);
        RiskMetrics.EventsConsumed.Add(1, new KeyValuePair<string, object?>("stream", e.Stream));
        Decide(e, sink);
    }

    private void ProcessHeartbeat(in ConsumedRecord record, IRecordSink sink)
    {
        var status = Deserialize(_serdes.SyncStatus, record);
        if (string.IsNullOrWhiteSpace(status.sourceSystem))
        {
            throw new InvalidEventException("Field sourceSystem is required and was empty.");
        }

        RiskMetrics.EventsConsumed.Add(1, new KeyValuePair<string, object?>("stream", "sync-status"));
        var syncedThrough = EventMapper.ToUnixMs(status.syncedThrough);
        var before = _coverage.OldestSyncedThroughMs;
        _coverage.Update(status.sourceSystem, syncedThrough);
        if (before == _coverage.OldestSyncedThroughMs)
        {
            return;
        }

        // Coverage moved: bills that looked overdue may now be confirmed (or still pending).
        var reportedAt = EventMapper.ToUnixMs(status.reportedAt);
        var eventId = string.Create(CultureInfo.InvariantCulture, $"{status.sourceSystem}@{syncedThrough}");
        foreach (var (accountId, _) in _accounts.Where(a => a.Value.HasOverdueBills).OrderBy(a => a.Key, StringComparer.Ordinal).ToList())
        {
            Decide(new SyncCheckEvent(eventId, accountId, reportedAt), sink);
        }
    }

    private void Decide(AccountEvent e, IRecordSink sink)
    {
        if (!_accounts.TryGetValue(e.AccountId, out var state))
        {
            state = new AccountRiskState();
            _accounts.Add(e.AccountId, state);
        }

        if (_decider.Apply(state, e, _coverage) is not { } change)
        {
            return;
        }

        var contract = ChangeMapper.ToContract(change, _options.Clock.GetUtcNow().UtcDateTime);
        var value = _serdes.LevelChanges.Serialize(_options.LevelChangesTopic, contract);
        sink.Send(_options.LevelChangesTopic, Encoding.UTF8.GetBytes(change.AccountId), value, change.EventTimeMs);
        RiskMetrics.LevelChanges.Add(1, new KeyValuePair<string, object?>("level", change.Level.ToString().ToUpperInvariant()));
    }

    private static T Deserialize<T>(Serde<T> serde, in ConsumedRecord record) => serde.Deserialize(record.Topic, record.Value, record.Value is null);

    private static void CheckKey(in ConsumedRecord record, string accountId)
    {
        // Records keyed by something other than their account would be processed against the wrong partition's state.
        if (record.Key is { } key && !Encoding.UTF8.GetString(key).Equals(accountId, StringComparison.Ordinal))
        {
            throw new InvalidEventException($"Record key '{Encoding.UTF8.GetString(key)}' does not match accountId '{accountId}'.");
        }
    }
}
