using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RiskStreams.Risk;
using RiskStreams.Streams;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// Serde of the reorder buffer's values: compact JSON <c>{"v":2,"event":{"type":"transaction",…}}</c> (format 1 also carried
/// <c>"bufferedAt"</c>, the wall-clock time of buffering, which is read and ignored since release no longer uses the wall clock).
/// The event is the domain's <see cref="AccountEvent"/> with a type discriminator (<c>transaction</c>, <c>login</c>,
/// <c>repayment</c>, <c>sync-check</c>, <c>review</c>) and its properties in camel case; <c>v</c> is the format version, so a newer
/// processor restoring an older changelog knows what it reads. Anything else throws <see cref="FormatException"/>.
/// </summary>
internal static class BufferedEventSerde
{
    private const int FormatVersion = 2;
    private const int WallClockFormatVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DescribeAccountEvents } },
    };

    public static Serde<AccountEvent> Instance { get; } = Serde<AccountEvent>.From(
        (_, value) => value is null ? null : Encode(value),
        (_, data, isNull) => isNull ? null! : Decode(data));

    public static byte[] Encode(AccountEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", FormatVersion);
            writer.WritePropertyName("event");
            JsonSerializer.Serialize(writer, value, Options);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static AccountEvent Decode(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, "an object");
            int? version = null;
            AccountEvent? e = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "v":
                        version = reader.GetInt32();
                        Expect(version is FormatVersion or WallClockFormatVersion, $"format version {FormatVersion} or {WallClockFormatVersion}, not {version}");
                        break;
                    case "bufferedAt" when version == WallClockFormatVersion:
                        reader.GetInt64();
                        break;
                    case "event":
                        Expect(version is not null, "\"v\" before \"event\"");
                        e = JsonSerializer.Deserialize<AccountEvent>(ref reader, Options);
                        break;
                    default:
                        throw new FormatException($"A buffered account event has no property '{name}'.");
                }
            }

            Expect(version is not null && e is not null, "\"v\" and \"event\"");
            return e!;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            throw new FormatException($"A buffered account event is not valid: {ex.Message}", ex);
        }
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new FormatException($"A buffered account event is not valid: expected {what}.");
        }
    }

    /// <summary>The event hierarchy as System.Text.Json should see it: polymorphic by discriminator, without the derived <c>Stream</c> name.</summary>
    private static void DescribeAccountEvents(JsonTypeInfo info)
    {
        if (info.Type == typeof(AccountEvent))
        {
            info.PolymorphismOptions = new JsonPolymorphismOptions
            {
                TypeDiscriminatorPropertyName = "type",
                UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
                DerivedTypes =
                {
                    new JsonDerivedType(typeof(TransactionEvent), "transaction"),
                    new JsonDerivedType(typeof(LoginEvent), "login"),
                    new JsonDerivedType(typeof(RepaymentEvent), "repayment"),
                    new JsonDerivedType(typeof(SyncCheckEvent), "sync-check"),
                    new JsonDerivedType(typeof(ReviewEvent), "review"),
                },
            };
        }

        if (info.Kind == JsonTypeInfoKind.Object && info.Type.IsAssignableTo(typeof(AccountEvent)))
        {
            for (var i = info.Properties.Count - 1; i >= 0; i--)
            {
                if (info.Properties[i].Name == "stream")
                {
                    info.Properties.RemoveAt(i);
                }
            }
        }
    }
}
