using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk.Internal;

/// <summary>Rules on how the account is reached: failed logins, new devices, impossible travel.</summary>
internal static class AccessRules
{
    public static void Apply(AccountRiskState s, RiskPolicy p, Scorecard card)
    {
        var now = s.StreamTimeMs;
        var failures = p.Rules.LoginFailures;
        if (failures.Enabled)
        {
            var from = now - StateLimits.Ms(failures.Window);
            var count = s.LoginFailureTimes.Count(t => t >= from && t <= now);
            if (count >= failures.Threshold)
            {
                card.Add(failures.Weight, Reason(ReasonCodes.LoginFailures,
                    $"We saw {count} failed sign-in attempts on your account within {Durations.Describe(failures.Window)}.",
                    ("failedLogins", I(count)), ("threshold", I(failures.Threshold)), ("windowMinutes", Minutes(failures.Window))));
            }
        }

        var device = p.Rules.NewDevice;
        if (device.Enabled && s.NewDeviceSignal is { } signal && now - signal.AtMs <= StateLimits.Ms(device.SignalWindow))
        {
            card.Add(device.Weight, Reason(ReasonCodes.NewDevice,
                device.MfaExempts
                    ? "Your account was signed in to from a device we have not seen before, without two-step verification."
                    : "Your account was signed in to from a device we have not seen before.",
                ("deviceId", signal.DeviceId), ("knownDevices", I(s.KnownDevices.Count - 1)), ("signalWindowMinutes", Minutes(device.SignalWindow))));
        }

        var travel = p.Rules.ImpossibleTravel;
        if (travel.Enabled && s.Travel is { } hop && now - hop.AtMs <= StateLimits.Ms(travel.SignalWindow))
        {
            card.Add(travel.Weight, Reason(ReasonCodes.ImpossibleTravel,
                "Your account was used in two places too far apart to travel between in the time between them.",
                ("distanceKm", I(Math.Round(hop.Km))), ("speedKmh", double.IsInfinity(hop.Kmh) ? "instant" : I(Math.Round(hop.Kmh))),
                ("maxKmh", I(travel.MaxKmh)), ("minKm", I(travel.MinKm)), ("fromCountry", hop.FromCountry ?? "unknown"), ("toCountry", hop.ToCountry ?? "unknown")));
        }
    }
}
