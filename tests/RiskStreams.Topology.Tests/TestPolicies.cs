using RiskStreams.Risk;

namespace RiskStreams.Topology.Tests;

/// <summary>Copies of the shipped default policy with one value edited, and a temp folder to write them to.</summary>
internal sealed class TestPolicies : IDisposable
{
    public TestPolicies() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"riskstreams-backtest-{Guid.NewGuid():N}");

    /// <summary>The default policy with SMALL_TXN_PROBING disabled, as version <c>no-probing-1</c>.</summary>
    public static string WithoutProbingYaml => Edit(
        Edit(RiskPolicy.DefaultYaml, "version: \"default-2026.01\"", "version: \"no-probing-1\""),
        "SMALL_TXN_PROBING:\n    enabled: true", "SMALL_TXN_PROBING:\n    enabled: false");

    public static RiskPolicy WithoutProbing => RiskPolicyLoader.Load(WithoutProbingYaml, "no-probing.yaml");

    /// <summary>
    /// The default policy with the cross-account rules (DEVICE_SHARED, IP_CREDENTIAL_STUFFING, MERCHANT_CARD_TESTING) disabled,
    /// as version <c>account-rules-1</c>: for scenarios whose synthetic accounts share a device by accident of the fixture.
    /// </summary>
    public static RiskPolicy AccountRulesOnly { get; } = RiskPolicyLoader.Load(
        Edit(Edit(Edit(Edit(RiskPolicy.DefaultYaml, "version: \"default-2026.01\"", "version: \"account-rules-1\""),
            "DEVICE_SHARED:\n    enabled: true", "DEVICE_SHARED:\n    enabled: false"),
            "IP_CREDENTIAL_STUFFING:\n    enabled: true", "IP_CREDENTIAL_STUFFING:\n    enabled: false"),
            "MERCHANT_CARD_TESTING:\n    enabled: true", "MERCHANT_CARD_TESTING:\n    enabled: false"),
        "account-rules.yaml");

    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    public static string Edit(string yaml, string from, string to)
    {
        Assert.Contains(from, yaml, StringComparison.Ordinal);
        return yaml.Replace(from, to, StringComparison.Ordinal);
    }
}
