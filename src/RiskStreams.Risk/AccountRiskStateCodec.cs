using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskStreams.Risk;

/// <summary>
/// Encodes an account's state as compact JSON for state stores and their changelogs. The format is
/// versioned (<c>v</c>) so a newer processor can read what an older one stored: v2 is written; v1 is
/// still read (its all-time purchase average cannot be dated, so the 30-day baseline restarts empty).
/// </summary>
public static class AccountRiskStateCodec
{
    private const int FormatVersion = 2;

    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Serializes <paramref name="state"/>. Equal states give equal bytes.</summary>
    public static byte[] Encode(AccountRiskState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var dto = new StateDto
        {
            V = FormatVersion,
            StreamTime = state.StreamTimeMs,
            Account = state.AccountId,
            Applied = [.. state.AppliedEvents.Select(a => new AppliedDto(a.IdHash, a.AtMs))],
            LoginFailures = [.. state.LoginFailureTimes],
            Devices = [.. state.KnownDevices],
            Location = state.LastLocation,
            NewDevice = state.NewDeviceSignal,
            Travel = state.Travel,
            Txns = [.. state.RecentTransactions.Select(t => new TxnDto(t.AtMs, t.AmountMinor, t.MerchantId, t.Approved, t.CashAdvance))],
            Days = [.. state.DailySpend.Select(d => new DayDto(d.Day, d.Count, d.SumMinor))],
            Utilization = state.Utilization,

            // Sorted, so the bytes do not depend on the dictionary's insertion history.
            Bills = state.Bills.OrderBy(b => b.Key, StringComparer.Ordinal).ToDictionary(b => b.Key, b => b.Value, StringComparer.Ordinal),
            Level = state.Level,
            Version = state.Version,
            LevelSince = state.LevelSinceMs,
            LevelHeld = state.LevelHeldAtMs,
        };
        return JsonSerializer.SerializeToUtf8Bytes(dto, Options);
    }

    /// <summary>Deserializes what <see cref="Encode"/> wrote (format v1 or v2); throws <see cref="FormatException"/> on anything else.</summary>
    public static AccountRiskState Decode(ReadOnlySpan<byte> data)
    {
        StateDto dto;
        try
        {
            dto = JsonSerializer.Deserialize<StateDto>(data, Options) ?? throw new FormatException("Account state is empty.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Account state is not valid: {ex.Message}", ex);
        }

        if (dto.V is not (1 or FormatVersion))
        {
            throw new FormatException($"Account state format v{dto.V} is not supported (expected v1 or v{FormatVersion}).");
        }

        var state = new AccountRiskState
        {
            StreamTimeMs = dto.StreamTime,
            AccountId = dto.Account,
            LastLocation = dto.Location,
            NewDeviceSignal = dto.NewDevice,
            Travel = dto.Travel,
            Utilization = dto.Utilization,
            Level = dto.Level,
            Version = dto.Version,
            LevelSinceMs = dto.LevelSince,
            LevelHeldAtMs = dto.V == 1 ? dto.LevelSince : dto.LevelHeld,
        };
        state.AppliedEvents.AddRange((dto.Applied ?? []).Select(a => new AccountRiskState.AppliedEvent(a.Id, a.At)).OrderBy(a => a.AtMs));
        state.LoginFailureTimes.AddRange((dto.LoginFailures ?? []).Order());
        state.KnownDevices.AddRange(dto.Devices ?? []);
        state.RecentTransactions.AddRange((dto.Txns ?? [])
            .Select(t => new AccountRiskState.TxnSample(t.At, t.Amount, t.Merchant, t.Approved, t.Cash))
            .OrderBy(t => t.AtMs));
        state.DailySpend.AddRange((dto.Days ?? []).Select(d => new AccountRiskState.DaySpend(d.Day, d.Count, d.Sum)).OrderBy(d => d.Day));
        foreach (var (id, bill) in (dto.Bills ?? []).OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            state.Bills[id] = bill;
        }

        return state;
    }

    private sealed class StateDto
    {
        public int V { get; set; }

        public long StreamTime { get; set; }

        public string? Account { get; set; }

        public List<AppliedDto>? Applied { get; set; }

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

    private sealed record TxnDto(long At, long Amount, string Merchant, bool Approved, bool Cash = false);

    private sealed record AppliedDto(ulong Id, long At);

    private sealed record DayDto(long Day, long Count, long Sum);
}
