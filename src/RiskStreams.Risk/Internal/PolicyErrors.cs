using YamlDotNet.Core;

namespace RiskStreams.Risk.Internal;

/// <summary>Collects every error of one policy load, so all are reported at once.</summary>
internal sealed class PolicyErrors
{
    private readonly List<PolicyError> _errors = [];

    public int Count => _errors.Count;

    public void Add(Mark at, string field, string message) => _errors.Add(new PolicyError((int)at.Line, (int)at.Column, field, message));

    /// <summary>In file order; ties keep the order found.</summary>
    public IReadOnlyList<PolicyError> Sorted() => [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
}
