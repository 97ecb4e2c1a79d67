namespace RiskStreams.Service.Api;

/// <summary>The account risk API and review console (<c>RiskStreams:Api</c>).</summary>
public sealed class ApiSettings
{
    /// <summary>
    /// Bearer token every API call must present (<c>Authorization: Bearer …</c>). Empty (the default): the API and the
    /// console are not served; /metrics and /health are.
    /// </summary>
    public string Token { get; set; } = "";

    /// <summary>
    /// <c>host:port</c> other instances reach this one's HTTP port at (Kafka Streams' <c>application.server</c>).
    /// Empty: <c>RiskStreams:Kafka:ApplicationServer</c>, else the bound metrics host (the machine name when it binds
    /// every address) and port.
    /// </summary>
    public string AdvertisedServer { get; set; } = "";

    /// <summary>Topic the console's review decisions are produced to: the topology's reviews topic (<c>Topics:Reviews</c>), set by the host.</summary>
    public string ReviewsTopic { get; internal set; } = RiskStreams.Topology.RiskTopics.Reviews;
}
