using System.Text;
using RiskStreams.Risk;

namespace RiskStreams.Benchmarks.Compare.Risk;

/// <summary>
/// The engine-neutral part of the compared risk processor: the same domain calls the production <c>AccountRiskProcessor</c> makes
/// to decide one event (<see cref="AccountRiskDecider.AlreadyApplied"/>, <see cref="AccountRiskDecider.Apply"/>, state through
/// <see cref="AccountRiskStateCodec"/>). Each engine's adapter gives it the account state store and the sync coverage read from its
/// global sync-status table; what the adapters do around it is only store access and forwarding.
/// </summary>
internal sealed class RiskDecisionCore
{
    private readonly AccountRiskDecider _decider = new(RiskPolicy.Default);

    /// <summary>Decides <paramref name="e"/> against the state <paramref name="load"/> gives, stores it through <paramref name="save"/>; the level change's output bytes, or null.</summary>
    public byte[]? Decide(AccountEvent e, Func<string, byte[]?> load, Action<string, byte[]> save, ISyncCoverage coverage)
    {
        if (AccountEventValidator.Validate(e, _decider.Policy.Limits) is not null)
        {
            return null; // production dead-letters it; here both engines skip it alike
        }

        var held = load(e.AccountId);
        var state = held is null ? new AccountRiskState() : AccountRiskStateCodec.Decode(held);
        if (_decider.AlreadyApplied(state, e.EventId))
        {
            return null;
        }

        var change = _decider.Apply(state, e, coverage);
        save(e.AccountId, AccountRiskStateCodec.Encode(state));
        return change is null ? null : Output(change);
    }

    /// <summary>What the digest compares: version, level and reason codes (the key carries the account).</summary>
    private static byte[] Output(LevelChange c) =>
        Encoding.UTF8.GetBytes(string.Join('|', c.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Level.ToString(),
            string.Join(',', c.Reasons.Select(r => r.Code))));
}
