namespace RiskStreams.DevStack;

/// <summary>
/// Ground truth of one scenario across accounts the generator produced: which kind, which shared entity, which accounts take
/// part. Every event of the scenario carries it (<see cref="GeneratedEvent.Crowd"/>), so a consumer of the workload can tell
/// which accounts an attack touched and which accounts only look like it.
/// </summary>
/// <param name="Turn">The scenario's turn (0, 1, ...), one every <see cref="WorkloadOptions.CrowdScenarioInterval"/>.</param>
/// <param name="Kind">What happens.</param>
/// <param name="EntityId">The shared device id, network address or merchant id.</param>
/// <param name="AccountIds">The accounts taking part, in the order they first act.</param>
/// <param name="StartMs">Event time the scenario starts at (its first event is later).</param>
/// <param name="Events">How many events the scenario has (fewer reach a consumer when the workload is cut off during it).</param>
public sealed record CrowdScenario(int Turn, CrowdScenarioKind Kind, string EntityId, IReadOnlyList<string> AccountIds, long StartMs, int Events)
{
    /// <summary>True for the attacks (device farm, stuffing wave, merchant attack), false for their benign look-alikes.</summary>
    public bool IsAttack => IsAttackKind(Kind);

    /// <summary>The kind of entity the accounts share.</summary>
    public CrowdEntityKind EntityKind => EntityKindOf(Kind);

    /// <summary>A short readable name of <see cref="Kind"/> (<c>device farm</c>, <c>family tablet (MFA)</c>, ...).</summary>
    public string Name => NameOf(Kind);

    /// <summary>True for the attacks' kinds, false for their look-alikes'.</summary>
    public static bool IsAttackKind(CrowdScenarioKind kind) =>
        kind is CrowdScenarioKind.DeviceFarm or CrowdScenarioKind.StuffingWave or CrowdScenarioKind.MerchantAttack;

    /// <summary>The kind of entity the accounts of a <paramref name="kind"/> scenario share.</summary>
    public static CrowdEntityKind EntityKindOf(CrowdScenarioKind kind) => kind switch
    {
        CrowdScenarioKind.DeviceFarm or CrowdScenarioKind.FamilyTablet => CrowdEntityKind.Device,
        CrowdScenarioKind.StuffingWave or CrowdScenarioKind.CorporateNat => CrowdEntityKind.IpAddress,
        _ => CrowdEntityKind.Merchant,
    };

    /// <summary>A short readable name of <paramref name="kind"/>.</summary>
    public static string NameOf(CrowdScenarioKind kind) => kind switch
    {
        CrowdScenarioKind.DeviceFarm => "device farm",
        CrowdScenarioKind.StuffingWave => "credential-stuffing wave",
        CrowdScenarioKind.MerchantAttack => "merchant card-testing attack",
        CrowdScenarioKind.FamilyTablet => "family tablet (MFA)",
        CrowdScenarioKind.CorporateNat => "corporate NAT",
        _ => "coffee kiosk",
    };
}
