using System.Globalization;
using System.Text;

namespace RiskStreams.Streams.Internal;

/// <summary>Text that may quote record content, made safe for a log line.</summary>
internal static class LogText
{
    /// <summary>Characters kept of such a text.</summary>
    public const int MaxLength = 160;

    /// <summary>
    /// <paramref name="text"/> cut to <see cref="MaxLength"/> characters (marked with an ellipsis) with control characters
    /// escaped as <c>\uXXXX</c>, so record content can neither flood nor forge log lines.
    /// </summary>
    public static string Clip(string text)
    {
        var cut = text.Length > MaxLength;
        var kept = cut ? text.AsSpan(0, MaxLength) : text.AsSpan();
        var result = new StringBuilder(kept.Length + 8);
        foreach (var c in kept)
        {
            if (char.IsControl(c))
            {
                result.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                result.Append(c);
            }
        }

        return cut ? result.Append('…').ToString() : result.ToString();
    }
}
