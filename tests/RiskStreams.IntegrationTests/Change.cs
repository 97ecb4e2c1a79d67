using System.Globalization;
using System.Text.Json;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.IntegrationTests;

/// <summary>The decision content of one <c>RiskLevelChanged</c> (all but <c>decidedAt</c>, the wall clock), live or from the backtest.</summary>
internal sealed record Change(string Account, long Version, string Level, int Score, IReadOnlyList<string> Reasons, string Trigger, string Stream, long EventTimeMs)
{
    public static Change Of(RiskLevelChanged c) => new(c.accountId, c.version, c.level.ToString(), c.score, [.. c.reasons.Select(r => r.code)],
        c.triggeringEventId, c.triggeringStream, (long)(c.eventTime - DateTime.UnixEpoch).TotalMilliseconds);

    /// <summary>A line of <c>riskstreams backtest</c> output.</summary>
    public static Change OfJson(string line)
    {
        using var json = JsonDocument.Parse(line);
        var c = json.RootElement;
        return new Change(c.GetProperty("accountId").GetString()!, c.GetProperty("version").GetInt64(), c.GetProperty("level").GetString()!,
            c.GetProperty("score").GetInt32(), [.. c.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!)],
            c.GetProperty("triggeringEventId").GetString()!, c.GetProperty("triggeringStream").GetString()!, c.GetProperty("eventTime").GetInt64());
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"v{Version} {Level} score {Score} [{string.Join(", ", Reasons)}] by {Stream} {Trigger} at {DateTime.UnixEpoch.AddMilliseconds(EventTimeMs):HH:mm:ss.fff}");
}
