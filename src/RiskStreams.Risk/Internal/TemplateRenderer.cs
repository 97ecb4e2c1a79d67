using System.Globalization;
using System.Text;

namespace RiskStreams.Risk.Internal;

/// <summary>Fills a <see cref="ReasonTemplate"/> text from evidence, formatting values for the locale.</summary>
internal static class TemplateRenderer
{
    public static string Render(string template, IReadOnlyList<KeyValuePair<string, string>> evidence, string locale)
    {
        var text = new StringBuilder(template.Length + 32);
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf('{', at);
            var close = open < 0 ? -1 : template.IndexOf('}', open);
            if (close < 0)
            {
                text.Append(template, at, template.Length - at);
                break;
            }

            text.Append(template, at, open - at);
            var placeholder = template[(open + 1)..close];
            var colon = placeholder.IndexOf(':', StringComparison.Ordinal);
            var key = colon < 0 ? placeholder : placeholder[..colon];
            var format = colon < 0 ? "" : placeholder[(colon + 1)..];
            var value = evidence.FirstOrDefault(e => e.Key == key).Value;
            text.Append(value is null ? "{" + placeholder + "}" : Format(value, format, locale));
            at = close + 1;
        }

        return text.ToString();
    }

    private static string Format(string value, string format, string locale)
    {
        var zh = locale == ReasonMessages.ChineseSimplified;
        switch (format)
        {
            case "duration" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes):
                return zh ? ChineseDuration(minutes) : Durations.Describe(TimeSpan.FromMinutes(minutes));
            case "lastPeriod" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes):
                return zh ? "过去 " + ChineseDuration(minutes) : Durations.LastPeriod(TimeSpan.FromMinutes(minutes));
            case "percent" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio):
                return Scorecard.Percent(ratio);
            default:
                return value;
        }
    }

    private static string ChineseDuration(double minutes) =>
        minutes % 1440 == 0 && minutes >= 2880 ? Whole(minutes / 1440) + " 天"
        : minutes % 60 == 0 && minutes > 0 ? Whole(minutes / 60) + " 小时"
        : Whole(minutes) + " 分钟";

    private static string Whole(double n) => n.ToString(CultureInfo.InvariantCulture);
}
