namespace RiskStreams.IntegrationTests;

/// <summary>A fact that needs Debian's headless Chromium at <c>/usr/bin/chromium</c> (<c>.ci/run</c> installs it); skipped where it is absent.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Path))
        {
            Skip = $"Chromium is not installed at {Path} (apt-get install chromium; .ci/run does).";
        }
    }
}
