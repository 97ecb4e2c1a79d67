using System.Text.Json;
using Avro.Specific;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// Parses one backtest input line, <c>{"stream": "transactions" | "logins" | "repayments" | "sync-status" | "reviews", "event": {…}}</c>,
/// into the stream's contract record with its key and timestamp. Only the shape is checked here;
/// content rules (non-empty ids, non-negative amounts) are the production topology's, applied when the event is fed.
/// </summary>
internal static class BacktestEventReader
{
    public const string Transactions = "transactions";
    public const string Logins = "logins";
    public const string Repayments = "repayments";
    public const string SyncStatus = "sync-status";
    public const string Reviews = "reviews";

    private const string StreamNames = "transactions, logins, repayments, sync-status or reviews";
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>Parses <paramref name="line"/>; throws <see cref="BacktestInputException"/> saying why it is not an event.</summary>
    public static BacktestEvent Parse(string line)
    {
        using var document = ParseJson(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BacktestInputException($"expected an object {{\"stream\": ..., \"event\": {{...}}}}, was {AvroJsonReader.Describe(root)}");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is not ("stream" or "event"))
            {
                throw new BacktestInputException($"unknown property '{property.Name}' (a line has only \"stream\" and \"event\")");
            }
        }

        if (!root.TryGetProperty("stream", out var streamJson))
        {
            throw new BacktestInputException($"missing \"stream\" ({StreamNames})");
        }

        var stream = streamJson.ValueKind == JsonValueKind.String ? streamJson.GetString()! : null;
        if (stream is not (Transactions or Logins or Repayments or SyncStatus or Reviews))
        {
            throw new BacktestInputException($"unknown stream {AvroJsonReader.Describe(streamJson)} (expected {StreamNames})");
        }

        if (!root.TryGetProperty("event", out var json))
        {
            throw new BacktestInputException($"missing \"event\" (an object with the fields of the {stream} schema)");
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new BacktestInputException($"\"event\" must be an object, was {AvroJsonReader.Describe(json)}");
        }

        try
        {
            return stream switch
            {
                Transactions => Event(stream, AvroJsonReader.Read<Transaction>(json), t => (t.accountId, t.occurredAt)),
                Logins => Event(stream, AvroJsonReader.Read<Login>(json), l => (l.accountId, l.occurredAt)),
                Repayments => Event(stream, AvroJsonReader.Read<RepaymentSync>(json), r => (r.accountId, r.occurredAt)),
                Reviews => Event(stream, AvroJsonReader.Read<ReviewDecision>(json), r => (r.accountId, r.decidedAt)),
                _ => Event(stream, AvroJsonReader.Read<SyncStatus>(json), s => (s.sourceSystem, s.reportedAt)),
            };
        }
        catch (BacktestInputException ex)
        {
            throw new BacktestInputException($"{stream} event: {ex.Message}");
        }
    }

    private static JsonDocument ParseJson(string line)
    {
        try
        {
            return JsonDocument.Parse(line, Strict);
        }
        catch (JsonException ex)
        {
            // System.Text.Json appends " LineNumber: 0 | BytePositionInLine: n."; the position is said once.
            var message = ex.Message.Split(" LineNumber:", 2)[0];
            throw new BacktestInputException(ex.BytePositionInLine is { } at ? $"invalid JSON at byte {at + 1}: {message}" : $"invalid JSON: {message}");
        }
    }

    private static BacktestEvent Event<T>(string stream, T record, Func<T, (string Key, DateTime Timestamp)> keyAndTime)
        where T : ISpecificRecord
    {
        var (key, timestamp) = keyAndTime(record);
        return new BacktestEvent(stream, key, record, EventMapper.ToUnixMs(timestamp));
    }
}
