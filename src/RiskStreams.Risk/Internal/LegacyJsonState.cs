using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskStreams.Risk.Internal;

/// <summary>
/// Reads the JSON state formats written before the binary one (v1 and v2), so stores and changelogs written by an
/// older processor still load after an upgrade. Their amounts carry no currency: they are taken as
/// <see cref="AccountRiskStateCodec.LegacyCurrency"/>. v1's all-time purchase average cannot be dated, so its
/// baseline restarts empty. The loaded state is aged to the current bounds at once.
/// </summary>
internal static class LegacyJsonState
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static AccountRiskState Read(ReadOnlySpan<byte> data)
    {
        StateDto dto;
        try
        {
            dto = JsonSerializer.Deserialize<StateDto>(data, Options) ?? throw new FormatException("Account state is empty.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"Account state is not valid: {e.Message}", e);
        }

        if (dto.V is not (1 or 2))
        {
            throw new FormatException($"Account state format v{dto.V} is not supported (expected v1 or v2 in JSON, or the binary v{BinaryStateFormat.VersionWithoutReviews} or v{BinaryStateFormat.Version}).");
        }

        var currency = AccountRiskStateCodec.LegacyCurrency;
        var state = new AccountRiskState
        {
            StreamTimeMs = dto.StreamTime,
            LastLocation = dto.Location,
            NewDeviceSignal = dto.NewDevice,
            Travel = dto.Travel,
            Utilization = dto.Utilization,
            Level = dto.Level,
            Version = dto.Version,
            LevelSinceMs = dto.LevelSince,
            LevelHeldAtMs = dto.V == 1 ? dto.LevelSince : dto.LevelHeld,
        };
        state.LoginFailureTimes.AddRange((dto.LoginFailures ?? []).Order());
        state.KnownDevices.AddRange(dto.Devices ?? []);
        var txns = (dto.Txns ?? []).OrderBy(t => t.At).ToList();
        var days = (dto.Days ?? []).OrderBy(d => d.Day).ToList();
        if (txns.Count > 0 || days.Count > 0)
        {
            state.Currencies.Add(currency);
        }

        state.RecentTransactions.AddRange(txns.Select(t =>
            new AccountRiskState.TxnSample(t.At, Math.Max(0, t.Amount), StableHash.Of(t.Merchant ?? ""), t.Approved, t.Cash, currency)));
        state.DailySpend.AddRange(days.Select(d => new AccountRiskState.DaySpend(d.Day, currency, d.Count, d.Sum)));
        foreach (var (id, bill) in (dto.Bills ?? []).OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            state.Bills[id] = bill;
        }

        // v2 kept up to 2,000 transactions in detail; fold what is beyond the current bounds into slots and days.
        TransactionWindow.Age(state);
        return state;
    }

    private sealed class StateDto
    {
        public int V { get; set; }

        public long StreamTime { get; set; }

        public List<long>? LoginFailures { get; set; }

        public List<string>? Devices { get; set; }

        public AccountRiskState.LocationFix? Location { get; set; }

        public AccountRiskState.DeviceSignal? NewDevice { get; set; }

        public AccountRiskState.TravelSignal? Travel { get; set; }

        public List<TxnDto>? Txns { get; set; }

        public List<DayDto>? Days { get; set; }

        public AccountRiskState.UtilizationFix? Utilization { get; set; }

        public Dictionary<string, AccountRiskState.BillSnapshot>? Bills { get; set; }

        public RiskLevel Level { get; set; }

        public long Version { get; set; }

        public long LevelSince { get; set; }

        public long LevelHeld { get; set; }
    }

    private sealed record TxnDto(long At, long Amount, string? Merchant, bool Approved, bool Cash = false);

    private sealed record DayDto(long Day, long Count, long Sum);
}
