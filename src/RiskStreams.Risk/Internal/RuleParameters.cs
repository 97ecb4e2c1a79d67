namespace RiskStreams.Risk.Internal;

/// <summary>Parameter readers shared by rule types, so equal parameters have equal ranges in every rule.</summary>
internal static class RuleParameters
{
    public static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxSignalWindow = TimeSpan.FromDays(7);

    public static readonly string[] Common = ["enabled", "weight"];

    public static bool Enabled(YamlMap m) => m.Bool("enabled");

    public static int Weight(YamlMap m) => m.Int("weight", 0, 100);

    /// <summary>A sliding window over transactions or logins: 1 minute to the state's 24 h of detail.</summary>
    public static TimeSpan Window(YamlMap m, string key = "window") => m.Duration(key, OneMinute, StateLimits.DetailHorizon);

    public static TimeSpan SignalWindow(YamlMap m) => m.Duration("signalWindow", OneMinute, MaxSignalWindow);
}
