using System.Text;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace RiskStreams.IntegrationTests;

/// <summary>The PromQL expressions of the alert rules and of the Grafana dashboard, read from their files.</summary>
internal static class PromQueries
{
    private static readonly string[] Comparisons = [">=", "<=", "==", "!=", ">", "<"];

    /// <summary>Every alert of <paramref name="rulesFile"/> with its expression.</summary>
    public static IReadOnlyList<(string Name, string Expr)> Alerts(string rulesFile)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(rulesFile))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return [.. ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>())
            .Where(r => r.Children.ContainsKey("alert"))
            .Select(r => (r["alert"].ToString(), r["expr"].ToString()))];
    }

    /// <summary>Every panel target of <paramref name="dashboardFile"/> (rows' nested panels too), its Grafana variables substituted.</summary>
    public static IReadOnlyList<(string Panel, string Expr)> DashboardTargets(string dashboardFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(dashboardFile));
        var found = new List<(string, string)>();
        Collect(document.RootElement.GetProperty("panels"), found);
        return found;
    }

    /// <summary>Grafana's variables as a scrape of one instance at a 1 s interval resolves them.</summary>
    public static string Substitute(string expr) => expr
        .Replace("$__rate_interval", "15s", StringComparison.Ordinal)
        .Replace("$__interval", "5s", StringComparison.Ordinal)
        .Replace("$instance", ".+", StringComparison.Ordinal);

    /// <summary>
    /// <paramref name="expr"/> with every comparison turned into its <c>bool</c> form (<c>a &gt; 3</c> becomes <c>a &gt; bool 3</c>):
    /// it returns 0 or 1 for every series it compares instead of filtering them out, so it is non-empty exactly when the data the
    /// alert needs is there, whether the alert would fire or not. Label matchers and strings are left alone.
    /// </summary>
    public static string WithoutThresholds(string expr)
    {
        var result = new StringBuilder();
        var braces = 0;
        char? quote = null;
        for (var i = 0; i < expr.Length; i++)
        {
            var c = expr[i];
            if (quote is { } q)
            {
                result.Append(c);
                if (c == '\\' && i + 1 < expr.Length)
                {
                    result.Append(expr[++i]);
                }
                else if (c == q)
                {
                    quote = null;
                }

                continue;
            }

            if (c is '"' or '\'' or '`')
            {
                quote = c;
            }
            else if (c == '{')
            {
                braces++;
            }
            else if (c == '}')
            {
                braces--;
            }
            else if (braces == 0 && Comparisons.FirstOrDefault(op => string.CompareOrdinal(expr, i, op, 0, op.Length) == 0) is { } op)
            {
                result.Append(op).Append(" bool");
                i += op.Length - 1;
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    private static void Collect(JsonElement panels, List<(string, string)> found)
    {
        foreach (var panel in panels.EnumerateArray())
        {
            var title = panel.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "";
            if (panel.TryGetProperty("targets", out var targets))
            {
                found.AddRange(targets.EnumerateArray()
                    .Where(target => target.TryGetProperty("expr", out _))
                    .Select(target => (title, Substitute(target.GetProperty("expr").GetString()!))));
            }

            if (panel.TryGetProperty("panels", out var nested))
            {
                Collect(nested, found);
            }
        }
    }
}
