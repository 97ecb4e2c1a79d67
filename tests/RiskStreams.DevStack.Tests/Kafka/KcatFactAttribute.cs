namespace RiskStreams.DevStack.Tests.Kafka;

/// <summary>A fact that runs only where the <c>kcat</c> tool is on the PATH (Debian: <c>apt-get install kcat</c>).</summary>
public sealed class KcatFactAttribute : FactAttribute
{
    public KcatFactAttribute()
    {
        if (Kcat.Path is null)
        {
            Skip = "kcat is not installed (apt-get install kcat); it checks the embedded cluster with a client of its own.";
        }
    }
}
