using System.Globalization;

namespace RiskStreams.DevStack.Internal;

/// <summary>Sequential, deterministic event ids.</summary>
internal sealed class EventIds
{
    private long _next;

    public string Next(string prefix) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{++_next:D9}");
}
