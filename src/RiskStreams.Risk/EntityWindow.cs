using RiskStreams.Risk.Internal;

namespace RiskStreams.Risk;

/// <summary>
/// The aggregate of one entity (device, network address, merchant) over one sliding window: event counts and the distinct
/// accounts seen, in bounded memory. Distinct accounts are counted with a k-minimum-values sketch over 64-bit hashes of the
/// account ids (k = <see cref="ExactDistinctCap"/>): while at most k distinct accounts have been seen it holds all their hashes
/// and the count is exact; beyond, it keeps the k smallest and estimates (k − 1) / (k-th smallest hash / 2^64), with a
/// relative standard error of about 1/√(k − 2) ≈ 13 %. It never holds an account id. Immutable: every addition returns a copy.
/// </summary>
public sealed class EntityWindow
{
    /// <summary>Distinct accounts counted exactly (and hashes kept at most).</summary>
    public const int ExactDistinctCap = 64;

    private readonly ulong[] _hashes;

    internal EntityWindow(long latestMs, int events, int failedLogins, int verifiedLogins, int smallTransactions, int smallDeclined, ulong[] hashes, bool saturated)
    {
        LatestMs = latestMs;
        Events = events;
        FailedLogins = failedLogins;
        VerifiedLogins = verifiedLogins;
        SmallTransactions = smallTransactions;
        SmallDeclined = smallDeclined;
        _hashes = hashes;
        Saturated = saturated;
    }

    /// <summary>An empty window.</summary>
    public static EntityWindow Empty { get; } = new(long.MinValue, 0, 0, 0, 0, 0, [], saturated: false);

    /// <summary>Time of the latest event in the window.</summary>
    public long LatestMs { get; }

    /// <summary>Events in the window.</summary>
    public int Events { get; }

    /// <summary>Failed logins.</summary>
    public int FailedLogins { get; }

    /// <summary>Successful logins that passed MFA.</summary>
    public int VerifiedLogins { get; }

    /// <summary>Small transactions.</summary>
    public int SmallTransactions { get; }

    /// <summary>Declined small transactions.</summary>
    public int SmallDeclined { get; }

    /// <summary>True once more than <see cref="ExactDistinctCap"/> distinct accounts were seen (the count is then estimated).</summary>
    public bool Saturated { get; }

    /// <summary>The hashes kept, ascending.</summary>
    internal IReadOnlyList<ulong> Hashes => _hashes;

    /// <summary>Distinct accounts: exact while not <see cref="Saturated"/>, else the sketch's estimate.</summary>
    public int DistinctAccounts
    {
        get
        {
            if (!Saturated)
            {
                return _hashes.Length;
            }

            // k-minimum values: the k-th smallest of n uniform hashes sits near k / n of the range.
            var kth = (_hashes[^1] + 1.0) / 18_446_744_073_709_551_616.0;
            return (int)Math.Min(int.MaxValue, Math.Round((ExactDistinctCap - 1) / kth));
        }
    }

    /// <summary>This window with a login added.</summary>
    public EntityWindow WithLogin(string accountId, long atMs, bool success, bool mfaUsed) =>
        With(accountId, atMs, success ? 0 : 1, success && mfaUsed ? 1 : 0, 0, 0);

    /// <summary>This window with a transaction added; <paramref name="small"/> says whether it counts as small.</summary>
    public EntityWindow WithTransaction(string accountId, long atMs, bool small, bool declined) =>
        With(accountId, atMs, 0, 0, small ? 1 : 0, small && declined ? 1 : 0);

    /// <summary>The window as carried on an account event.</summary>
    public EntityWindowSummary Summarize(string entityTag, long windowMs) =>
        new(entityTag, windowMs, Events, DistinctAccounts, !Saturated, FailedLogins, VerifiedLogins, SmallTransactions, SmallDeclined);

    /// <summary>A uniform 64-bit hash of an account id (FNV-1a, then the SplitMix64 finalizer to spread it).</summary>
    internal static ulong AccountHash(string accountId)
    {
        var z = StableHash.Of(accountId) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private EntityWindow With(string accountId, long atMs, int failed, int verified, int small, int smallDeclined)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        var (hashes, saturated) = WithHash(AccountHash(accountId));
        return new EntityWindow(Math.Max(LatestMs, atMs), Saturating.Add(Events, 1), Saturating.Add(FailedLogins, failed),
            Saturating.Add(VerifiedLogins, verified), Saturating.Add(SmallTransactions, small), Saturating.Add(SmallDeclined, smallDeclined),
            hashes, saturated);
    }

    private (ulong[] Hashes, bool Saturated) WithHash(ulong hash)
    {
        var at = Array.BinarySearch(_hashes, hash);
        if (at >= 0)
        {
            return (_hashes, Saturated);
        }

        var insert = ~at;
        if (_hashes.Length == ExactDistinctCap && insert == ExactDistinctCap)
        {
            // A new account whose hash is above every kept one: seen, not kept.
            return (_hashes, true);
        }

        var full = _hashes.Length == ExactDistinctCap;
        var next = new ulong[full ? ExactDistinctCap : _hashes.Length + 1];
        Array.Copy(_hashes, next, insert);
        next[insert] = hash;
        Array.Copy(_hashes, insert, next, insert + 1, next.Length - insert - 1);
        return (next, Saturated || full);
    }
}
