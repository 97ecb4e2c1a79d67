using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;

namespace RiskStreams.IntegrationTests;

/// <summary>
/// The production binary holds no test, bench or dev-stack code: read from the project files (and, for the one conditional
/// reference, from MSBuild's evaluation of the production publish), not from a list kept by hand.
/// </summary>
public sealed class ProductionGraphTests
{
    /// <summary>Projects under src/ that are not production code: the dev stack and the test driver.</summary>
    private static readonly string[] NonProduction = ["RiskStreams.DevStack", "RiskStreams.Streams.Testing"];

    private static readonly string[] TestPackages = ["xunit", "Microsoft.NET.Test.Sdk", "FsCheck", "Testcontainers", "Streamiz", "BenchmarkDotNet"];

    private static readonly string Root = FindRoot();

    [Fact]
    public void No_production_project_references_a_test_bench_or_dev_stack_project_except_the_conditional_dev_verbs()
    {
        var offending = new List<string>();
        foreach (var project in ProductionProjects())
        {
            foreach (var reference in ProjectReferences(project))
            {
                var name = Path.GetFileNameWithoutExtension(reference.Path);
                var forbidden = reference.Path.StartsWith(Path.Combine(Root, "tests") + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    || NonProduction.Contains(name, StringComparer.Ordinal);
                var devVerbs = Name(project) == "RiskStreams.Service" && name == "RiskStreams.DevStack"
                    && reference.Condition.Replace(" ", "", StringComparison.Ordinal) == "'$(IncludeDevStack)'=='true'";
                if (forbidden && !devVerbs)
                {
                    offending.Add($"{Name(project)} -> {name}");
                }
            }

            offending.AddRange(PackageReferences(project).Where(IsTestPackage).Select(p => $"{Name(project)} -> package {p}"));
        }

        Assert.Empty(offending);
    }

    [Fact]
    public void Topology_runs_the_backtest_on_the_engine_not_on_the_test_driver()
    {
        var topology = ProductionProjects().Single(p => Name(p) == "RiskStreams.Topology");

        Assert.DoesNotContain("RiskStreams.Streams.Testing", ProjectReferences(topology).Select(r => Path.GetFileNameWithoutExtension(r.Path)));
        Assert.Contains("RiskStreams.Streams", ProjectReferences(topology).Select(r => Path.GetFileNameWithoutExtension(r.Path)));
    }

    [Fact]
    public async Task The_production_publish_of_the_service_reaches_only_production_projects_and_no_test_packages()
    {
        var service = Path.Combine(Root, "src", "RiskStreams.Service", "RiskStreams.Service.csproj");

        var production = await EvaluateAsync(service, "-p:IncludeDevStack=false");
        var withDevStack = await EvaluateAsync(service, "");

        // The closure of the production publish: the service's evaluated references, then every project file's own.
        var closure = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(production.References);
        while (pending.TryDequeue(out var project))
        {
            if (closure.Add(project))
            {
                foreach (var reference in ProjectReferences(project))
                {
                    pending.Enqueue(reference.Path);
                }
            }
        }

        Assert.Equal(
            ["RiskStreams.Avro", "RiskStreams.Avro.CodeGen", "RiskStreams.Risk", "RiskStreams.Streams", "RiskStreams.Topology"],
            closure.Select(Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(closure.Append(service).SelectMany(PackageReferences), IsTestPackage);
        Assert.DoesNotContain(production.Compile, c => c.EndsWith("DevRunner.cs", StringComparison.Ordinal));
        Assert.Contains(production.Compile, c => c.EndsWith("DevVerbs.Absent.cs", StringComparison.Ordinal));

        // The default build (dotnet run, tests, the tools image) keeps the dev verbs.
        Assert.Contains("RiskStreams.DevStack", withDevStack.References.Select(Name));
        Assert.DoesNotContain(withDevStack.Compile, c => c.EndsWith("DevVerbs.Absent.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void The_runtime_image_is_published_without_the_dev_stack_and_the_tools_image_with_it()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "deploy", "docker", "Dockerfile"));
        var runtimePublish = Assert.Single(lines, l => l.Contains("dotnet publish", StringComparison.Ordinal) && l.Contains("-o /out/runtime", StringComparison.Ordinal));
        var toolsPublish = Assert.Single(lines, l => l.Contains("dotnet publish", StringComparison.Ordinal) && l.Contains("-o /out/tools", StringComparison.Ordinal));

        Assert.Contains("-p:IncludeDevStack=false", runtimePublish, StringComparison.Ordinal);
        Assert.DoesNotContain("IncludeDevStack", toolsPublish, StringComparison.Ordinal);
        Assert.Contains("COPY --from=build /out/runtime .", StageLines(lines, "runtime"));
        Assert.Contains("COPY --from=build /out/tools .", StageLines(lines, "tools"));
        Assert.Contains(StageLines(lines, "base"), l => l.StartsWith("USER ", StringComparison.Ordinal) && !l.Contains("root", StringComparison.Ordinal));
        Assert.Contains(StageLines(lines, "base"), l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal) || l.Contains("/health/live", StringComparison.Ordinal));
        Assert.Contains("VOLUME [\"/var/lib/riskstreams\"]", StageLines(lines, "base"));
    }

    private static IEnumerable<string> StageLines(string[] lines, string stage) =>
        lines.SkipWhile(l => !(l.StartsWith("FROM ", StringComparison.Ordinal) && l.EndsWith($" AS {stage}", StringComparison.Ordinal))).Skip(1)
            .TakeWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal));

    private static IEnumerable<string> ProductionProjects() =>
        Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !NonProduction.Contains(Name(p), StringComparer.Ordinal));

    private static string Name(string project) => Path.GetFileNameWithoutExtension(project);

    private static bool IsTestPackage(string package) => TestPackages.Any(t => package.StartsWith(t, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<(string Path, string Condition)> ProjectReferences(string project) =>
        XDocument.Load(project).Descendants("ProjectReference").Select(r => (
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, r.Attribute("Include")!.Value.Replace('\\', '/'))),
            r.Attribute("Condition")?.Value ?? r.Parent?.Attribute("Condition")?.Value ?? ""));

    private static IEnumerable<string> PackageReferences(string project) =>
        XDocument.Load(project).Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value);

    /// <summary>MSBuild's evaluation (no build) of a project's ProjectReference and Compile items.</summary>
    private static async Task<(IReadOnlyList<string> References, IReadOnlyList<string> Compile)> EvaluateAsync(string project, string properties)
    {
        var info = new ProcessStartInfo("dotnet", $"msbuild \"{project}\" {properties} -getItem:ProjectReference -getItem:Compile")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, $"dotnet msbuild failed: {await stderr}{await stdout}");
        using var json = JsonDocument.Parse(await stdout);
        var items = json.RootElement.GetProperty("Items");
        IReadOnlyList<string> Paths(string item) => items.TryGetProperty(item, out var list)
            ? [.. list.EnumerateArray().Select(i => i.GetProperty("FullPath").GetString()!)]
            : [];
        return (Paths("ProjectReference"), Paths("Compile"));
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RiskStreams.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No RiskStreams.sln above {AppContext.BaseDirectory}.");
    }
}
