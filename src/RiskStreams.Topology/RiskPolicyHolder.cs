using RiskStreams.Risk;

namespace RiskStreams.Topology;

/// <summary>
/// The policy in force, swappable while the topology runs (hot reload from a file or the
/// <c>risk.policy</c> topic). Readers see either the old or the new policy, never a mix; every
/// change event carries the version of the policy that decided it.
/// </summary>
public sealed class RiskPolicyHolder(RiskPolicy initial)
{
    private RiskPolicy _current = initial ?? throw new ArgumentNullException(nameof(initial));

    /// <summary>Raised after a new policy took effect, with that policy.</summary>
    public event EventHandler<RiskPolicy>? Changed;

    /// <summary>The policy in force.</summary>
    public RiskPolicy Current => Volatile.Read(ref _current);

    /// <summary>Puts <paramref name="next"/> in force unless it has the version already in force; returns whether it did.</summary>
    public bool Update(RiskPolicy next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var previous = Volatile.Read(ref _current);
        if (previous.Version == next.Version || Interlocked.CompareExchange(ref _current, next, previous) != previous)
        {
            return false;
        }

        Changed?.Invoke(this, next);
        return true;
    }
}
