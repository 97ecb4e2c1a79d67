namespace RiskStreams.Risk;

/// <summary>A policy file is not valid; carries every error found, in file order.</summary>
public sealed class PolicyValidationException : Exception
{
    /// <summary>Creates the exception for <paramref name="sourceName"/> with its <paramref name="errors"/>.</summary>
    public PolicyValidationException(string sourceName, IReadOnlyList<PolicyError> errors)
        : base(Describe(sourceName, errors))
    {
        SourceName = sourceName;
        Errors = errors;
    }

    /// <summary>The file path or name the policy was loaded from.</summary>
    public string SourceName { get; }

    /// <summary>Every error found, ordered by line and column.</summary>
    public IReadOnlyList<PolicyError> Errors { get; }

    private static string Describe(string sourceName, IReadOnlyList<PolicyError> errors) =>
        $"Policy {sourceName} is not valid ({errors.Count} error{(errors.Count == 1 ? "" : "s")}):{Environment.NewLine}"
        + string.Join(Environment.NewLine, errors.Select(e => "  " + e.Format(sourceName)));
}
