using System.Globalization;

namespace RiskStreams.Risk.Internal;

/// <summary>The policy's duration syntax (<c>90s</c>, <c>10m</c>, <c>1h</c>, <c>30d</c>) and plain-language wording.</summary>
internal static class Durations
{
    public const string Expected = "a duration such as 90s, 10m, 1h or 30d (a whole number and one of s, m, h, d)";

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000)
        {
            return false;
        }

        switch (text[^1])
        {
            case 's': value = TimeSpan.FromSeconds(n); return true;
            case 'm': value = TimeSpan.FromMinutes(n); return true;
            case 'h': value = TimeSpan.FromHours(n); return true;
            case 'd': value = TimeSpan.FromDays(n); return true;
            default: return false;
        }
    }

    /// <summary>The shortest policy spelling of <paramref name="span"/>, e.g. <c>10m</c>.</summary>
    public static string Format(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 && span.TotalDays >= 2 ? Whole(span.TotalDays, "d")
        : span.Ticks % TimeSpan.TicksPerHour == 0 && span.Ticks != 0 ? Whole(span.TotalHours, "h")
        : span.Ticks % TimeSpan.TicksPerMinute == 0 ? Whole(span.TotalMinutes, "m")
        : Whole(span.TotalSeconds, "s");

    /// <summary>Customer wording of a period ending now: "the last 10 minutes", "the last hour", "the last 2 days".</summary>
    public static string LastPeriod(TimeSpan span) => $"the last {Period(span)}";

    /// <summary>Customer wording of a length of time: "10 minutes", "an hour", "2 days".</summary>
    public static string Describe(TimeSpan span)
    {
        var period = Period(span);
        return char.IsDigit(period[0]) ? period : $"{(period == "hour" ? "an" : "a")} {period}";
    }

    private static string Period(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 && span.TotalDays >= 2 ? Unit(span.TotalDays, "day")
        : span.Ticks % TimeSpan.TicksPerHour == 0 && span.Ticks != 0 ? Unit(span.TotalHours, "hour")
        : span.Ticks % TimeSpan.TicksPerMinute == 0 ? Unit(span.TotalMinutes, "minute")
        : Unit(Math.Round(span.TotalSeconds), "second");

    private static string Unit(double n, string unit) => n == 1 ? unit : $"{n.ToString(CultureInfo.InvariantCulture)} {unit}s";

    private static string Whole(double n, string unit) => n.ToString(CultureInfo.InvariantCulture) + unit;
}
