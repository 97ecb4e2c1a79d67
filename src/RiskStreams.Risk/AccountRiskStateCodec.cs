using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskStreams.Risk;

/// <summary>
/// Encodes an account's state as compact JSON for state stores and their changelogs. The format is
/// versioned (<c>v</c>) so a newer processor can read what an older one stored.
/// </summary>
public static class AccountRiskStateCodec
{
    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Serializes <paramref name="state"/>.</summary>
    public static byte[] Encode(AccountRiskState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var dto = new StateDto
        {
            V = FormatVersion,
            StreamTime = state.StreamTimeMs,
            LoginFailures = [.. state.LoginFailureTimes],
            Devices = [.. state.KnownDevices],
            Location = state.LastLocation,
            NewDevice = state.NewDeviceSignal,
            Travel = state.Travel,
            Txns = [.. state.RecentTransactions.Select(t => new TxnDto(t.AtMs, t.AmountMinor, t.MerchantId, t.Approved))],
            PurchaseCount = state.PurchaseCount,
            PurchaseSum = state.PurchaseSumMinor,
            Bills = state.Bills.ToDictionary(b => b.Key, b => b.Value, StringComparer.Ordinal),
            Level = state.Level,
            Version = state.Version,
            LevelSince = state.LevelSinceMs,
        };
        return JsonSerializer.SerializeToUtf8Bytes(dto, Options);
    }

    /// <summary>Deserializes what <see cref="Encode"/> wrote; throws <see cref="FormatException"/> on anything else.</summary>
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

        if (dto.V != FormatVersion)
        {
            throw new FormatException($"Account state format v{dto.V} is not supported (expected v{FormatVersion}).");
        }

        var state = new AccountRiskState
        {
            StreamTimeMs = dto.StreamTime,
            LastLocation = dto.Location,
            NewDeviceSignal = dto.NewDevice,
            Travel = dto.Travel,
            PurchaseCount = dto.PurchaseCount,
            PurchaseSumMinor = dto.PurchaseSum,
            Level = dto.Level,
            Version = dto.Version,
            LevelSinceMs = dto.LevelSince,
        };
        state.LoginFailureTimes.AddRange(dto.LoginFailures ?? []);
        state.KnownDevices.AddRange(dto.Devices ?? []);
        state.RecentTransactions.AddRange((dto.Txns ?? []).Select(t => new AccountRiskState.TxnSample(t.At, t.Amount, t.Merchant, t.Approved)));
        foreach (var (id, bill) in dto.Bills ?? [])
        {
            state.Bills[id] = bill;
        }

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

        public long PurchaseCount { get; set; }

        public long PurchaseSum { get; set; }

        public Dictionary<string, AccountRiskState.BillSnapshot>? Bills { get; set; }

        public RiskLevel Level { get; set; }

        public long Version { get; set; }

        public long LevelSince { get; set; }
    }

    private sealed record TxnDto(long At, long Amount, string Merchant, bool Approved);
}
