using RiskStreams.Topology;

namespace RiskStreams.Service;

/// <summary>
/// Event-time bounds of the account decisions (<c>RiskStreams:Decisions</c>, TimeSpan values such as <c>"00:05:00"</c>); an
/// unset value keeps the topology's default. Checked when the topology is built.
/// </summary>
public sealed class DecisionSettings
{
    /// <summary>How long events are held to be decided in event-time order (<see cref="RiskTopologyOptions.ReorderGrace"/>).</summary>
    public TimeSpan? ReorderGrace { get; set; }

    /// <summary>How far ahead of the wall clock an event's time may be (<see cref="RiskTopologyOptions.MaxClockSkew"/>).</summary>
    public TimeSpan? MaxClockSkew { get; set; }

    /// <summary>How far behind stream time an event's time may be (<see cref="RiskTopologyOptions.MaxEventAge"/>).</summary>
    public TimeSpan? MaxEventAge { get; set; }

    /// <summary>Whether the cross-account entity branches run (<see cref="RiskTopologyOptions.EntitySignals"/>, default true).</summary>
    public bool? EntitySignals { get; set; }

    /// <summary>How long an event waits in stream time before it is joined with its entity's window (<see cref="RiskTopologyOptions.EntityJoinGrace"/>).</summary>
    public TimeSpan? EntityJoinGrace { get; set; }

    /// <summary>How long (wall clock) a quiet entity join waits before releasing what it holds (<see cref="RiskTopologyOptions.EntityJoinIdleRelease"/>).</summary>
    public TimeSpan? EntityJoinIdleRelease { get; set; }

    /// <summary>How late an event may reach its entity's windows (<see cref="RiskTopologyOptions.EntityMaxLateness"/>).</summary>
    public TimeSpan? EntityMaxLateness { get; set; }

    /// <summary>The topology options with the values set here applied.</summary>
    public RiskTopologyOptions Apply(RiskTopologyOptions options) => options with
    {
        ReorderGrace = ReorderGrace ?? options.ReorderGrace,
        MaxClockSkew = MaxClockSkew ?? options.MaxClockSkew,
        MaxEventAge = MaxEventAge ?? options.MaxEventAge,
        EntitySignals = EntitySignals ?? options.EntitySignals,
        EntityJoinGrace = EntityJoinGrace ?? options.EntityJoinGrace,
        EntityJoinIdleRelease = EntityJoinIdleRelease ?? options.EntityJoinIdleRelease,
        EntityMaxLateness = EntityMaxLateness ?? options.EntityMaxLateness,
    };
}
