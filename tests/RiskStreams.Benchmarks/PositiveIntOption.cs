using System.CommandLine;
using System.Globalization;

namespace RiskStreams.Benchmarks;

/// <summary>An option taking a positive whole number; anything else is refused with a message naming the option and the value (not a .NET type).</summary>
internal static class PositiveIntOption
{
    public static Option<int?> Create(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                return value;
            }

            result.AddError($"{name} takes a positive whole number (e.g. {name} 20000), not '{text}'.");
            return null;
        },
    };
}
