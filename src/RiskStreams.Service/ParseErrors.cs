using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace RiskStreams.Service;

/// <summary>A command-line error as one line naming the option, without .NET type names (exit 2).</summary>
internal static partial class ParseErrors
{
    public static string Describe(ParseResult parsed)
    {
        // "Unrecognized command or argument 'x'" names the culprit better than the "Required command" it causes.
        var error = (parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0]).Message;
        var match = CannotParse().Match(error);
        if (match.Success)
        {
            error = $"{match.Groups["option"].Value}: '{match.Groups["value"].Value}' is not {Friendly(match.Groups["type"].Value)}.";
        }

        return $"riskstreams: {error} (see {string.Join(' ', ["riskstreams", .. CommandPath(parsed.CommandResult), "--help"])})";
    }

    private static string Friendly(string type) => type switch
    {
        _ when type.Contains("Int", StringComparison.Ordinal) => "a whole number",
        _ when type.Contains("TimeSpan", StringComparison.Ordinal) => "a duration such as 00:01:00",
        _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("Double", StringComparison.Ordinal) => "a number",
        _ => "a valid value",
    };

    private static List<string> CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is CommandResult command && command.Parent is not null; current = command.Parent)
        {
            names.Insert(0, command.Command.Name);
        }

        return names;
    }

    [GeneratedRegex("^Cannot parse argument '(?<value>.*)' for option '(?<option>.*)' as expected type '(?<type>.*)'\\.$")]
    private static partial Regex CannotParse();
}
