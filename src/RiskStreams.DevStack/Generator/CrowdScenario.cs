namespace RiskStreams.DevStack;

/// <summary>
/// The scenarios across accounts the generator mixes in (<see cref="WorkloadOptions.CrowdScenarioInterval"/>): three attacks and
/// their benign look-alikes. <see cref="GeneratedEvent.Crowd"/> tells which one an event belongs to (the ground truth of tests).
/// </summary>
public enum CrowdScenario
{
    /// <summary>One phone signing in to eight accounts in turn, twice round, without MFA.</summary>
    DeviceFarm,

    /// <summary>One address failing two sign-ins on each of fifteen accounts within minutes, from rotating devices.</summary>
    StuffingWave,

    /// <summary>Twelve cards each making one tiny payment at one merchant within minutes, half of them declined.</summary>
    MerchantAttack,

    /// <summary>Look-alike: a household of four signing in on one tablet, each with MFA.</summary>
    FamilyTablet,

    /// <summary>Look-alike: thirty employees signing in from their own devices behind one NAT address, two typos among them.</summary>
    CorporateNat,

    /// <summary>Look-alike: twenty-five customers buying a coffee at one kiosk, small and approved.</summary>
    CoffeeKiosk,
}
