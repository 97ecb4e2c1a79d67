namespace RiskStreams.Risk;

// TEMPORARY SHIM (branch decisions-topology): the decisions-domain branch gives RiskPolicy a real Limits property
// (an instance member, which wins over this extension); drop this file at merge.

/// <summary>Temporary <c>RiskPolicy.Limits</c> until the domain's own property exists.</summary>
public static class RiskPolicyLimitsShim
{
    extension(RiskPolicy policy)
    {
        /// <summary>The event limits of the policy (the defaults in this shim).</summary>
        public EventLimits Limits => EventLimits.Default;
    }
}
