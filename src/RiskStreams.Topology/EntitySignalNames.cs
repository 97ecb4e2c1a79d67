namespace RiskStreams.Topology;

/// <summary>
/// Names of the entity branches of the risk topology (<see cref="RiskTopologyOptions.EntitySignals"/>). Each entity kind
/// (<see cref="Device"/>, <see cref="Ip"/>, <see cref="Merchant"/>) has a repartition topic
/// <c>{applicationId}-entity-{kind}-events-repartition</c> (the account events re-keyed by the entity), a sliding-window store
/// <c>entity-{kind}-windows</c>, a versioned table <c>entity-{kind}-latest</c> (the window ending at each event) and a join
/// grace buffer <c>entity-{kind}-join-Buffer</c>, all changelogged; the enriched events go back to the account through
/// <c>{applicationId}-entity-{logins|logins-without-address|transactions}-by-account-repartition</c>.
/// </summary>
public static class EntitySignalNames
{
    /// <summary>Login devices (key deviceId).</summary>
    public const string Device = "device";

    /// <summary>Login network addresses (key ipAddress).</summary>
    public const string Ip = "ip";

    /// <summary>Transaction merchants (key merchantId).</summary>
    public const string Merchant = "merchant";

    /// <summary>The repartition topic's base name of an entity kind's events.</summary>
    public static string Events(string kind) => $"entity-{kind}-events";

    /// <summary>The sliding-window store of an entity kind.</summary>
    public static string Windows(string kind) => $"entity-{kind}-windows";

    /// <summary>The window store of the event ids an entity kind's windows have counted (a replayed copy is not counted again).</summary>
    public static string Seen(string kind) => $"entity-{kind}-seen";

    /// <summary>The versioned table of an entity kind: per entity, the window ending at each of its events.</summary>
    public static string Latest(string kind) => $"entity-{kind}-latest";

    /// <summary>The stream-table join of an entity kind (its grace buffer store is <c>{join}-Buffer</c>).</summary>
    public static string Join(string kind) => $"entity-{kind}-join";

    /// <summary>The repartition topic's base name of enriched logins going back to their account.</summary>
    public const string LoginsByAccount = "entity-logins-by-account";

    /// <summary>The repartition topic's base name of enriched logins without a network address going back to their account.</summary>
    public const string LoginsWithoutAddressByAccount = "entity-logins-without-address-by-account";

    /// <summary>The repartition topic's base name of enriched transactions going back to their account.</summary>
    public const string TransactionsByAccount = "entity-transactions-by-account";
}
