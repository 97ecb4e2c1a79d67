namespace RiskStreams.Risk;

/// <summary>A reason of the last change with the weight it added to the score.</summary>
/// <param name="Code">Reason code.</param>
/// <param name="Weight">Score it added (0 for reasons that score nothing, such as review or clearing reasons).</param>
/// <param name="Evidence">Its evidence, in the reason's key order.</param>
public sealed record WeightedReason(string Code, int Weight, IReadOnlyList<KeyValuePair<string, string>> Evidence)
{
    /// <summary>Value equality, <see cref="Evidence"/> compared element by element.</summary>
    public bool Equals(WeightedReason? other) =>
        other is not null && Code == other.Code && Weight == other.Weight && Evidence.SequenceEqual(other.Evidence);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Code, Weight);
}
