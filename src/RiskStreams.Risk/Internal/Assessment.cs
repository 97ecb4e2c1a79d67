namespace RiskStreams.Risk.Internal;

/// <summary>The level an account's features call for right now, with the reasons behind it.</summary>
internal sealed record Assessment(RiskLevel Level, int Score, IReadOnlyList<RiskReason> Reasons)
{
    /// <summary>The weight each of <see cref="Reasons"/> added, by index (empty: all 0).</summary>
    public IReadOnlyList<int> Weights { get; init; } = [];

    /// <summary>The weight <paramref name="reason"/> (one of <see cref="Reasons"/>, by reference) added, else 0.</summary>
    public int WeightOf(RiskReason reason)
    {
        for (var i = 0; i < Reasons.Count && i < Weights.Count; i++)
        {
            if (ReferenceEquals(Reasons[i], reason))
            {
                return Weights[i];
            }
        }

        return 0;
    }
}
