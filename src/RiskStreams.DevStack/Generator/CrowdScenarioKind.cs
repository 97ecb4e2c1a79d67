namespace RiskStreams.DevStack;

/// <summary>The kinds of scenario across accounts the generator mixes in, in the order they take turns.</summary>
public enum CrowdScenarioKind
{
    /// <summary>Attack: one phone signing in to many accounts without MFA (seen by the device aggregate).</summary>
    DeviceFarm,

    /// <summary>Attack: one network address failing sign-ins on many accounts within minutes (seen by the address aggregate).</summary>
    StuffingWave,

    /// <summary>Attack: many cards each making one tiny payment at one merchant within minutes, many declined (the merchant aggregate).</summary>
    MerchantAttack,

    /// <summary>Look-alike of <see cref="DeviceFarm"/>: a household signing in on one tablet, every sign-in with MFA.</summary>
    FamilyTablet,

    /// <summary>Look-alike of <see cref="StuffingWave"/>: many employees behind one NAT address, almost every sign-in successful.</summary>
    CorporateNat,

    /// <summary>Look-alike of <see cref="MerchantAttack"/>: many customers buying a coffee at one kiosk, small and approved.</summary>
    CoffeeKiosk,
}
