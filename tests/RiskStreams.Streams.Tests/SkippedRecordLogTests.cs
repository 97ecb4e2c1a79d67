using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RiskStreams.Streams.Internal;
using RiskStreams.Streams.Internal.Runtime.Kafka;

namespace RiskStreams.Streams.Tests;

/// <summary>A skipped record's error message may quote record content: it is logged at Debug only, clipped, never at Warning.</summary>
public sealed class SkippedRecordLogTests
{
    [Fact]
    public void The_warning_names_the_error_class_and_the_reason_with_record_content_goes_to_debug_clipped()
    {
        var logger = new ListLogger();
        var policy = new HandlerErrorPolicy(new StreamsOptions
        {
            ApplicationId = "log-test", BootstrapServers = "localhost:9092", ProcessingExceptionHandler = LogAndContinueExceptionHandler.Instance,
        }, logger);
        var record = new ConsumedRecord("credit.transactions", 2, 17, null, null, 0, null);
        var reason = "Record key 'acct-4711' does not match accountId 'acct-0815'.\n" + new string('x', 300);

        policy.OnError(new TaskId(0, 2), record, new InvalidOperationException(reason), new NoSink());

        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal((2, "log-test: processing of credit.transactions[2]@17 failed (InvalidOperationException), record skipped"), (warning.EventId, warning.Message));
        var debug = Assert.Single(logger.Entries, e => e.Level == LogLevel.Debug);
        Assert.Equal(9, debug.EventId);
        Assert.Equal("log-test: credit.transactions[2]@17 skipped: " + LogText.Clip(reason), debug.Message);
        Assert.StartsWith("log-test: credit.transactions[2]@17 skipped: Record key 'acct-4711' does not match accountId 'acct-0815'.\\u000axxx", debug.Message, StringComparison.Ordinal);
        Assert.EndsWith("x…", debug.Message, StringComparison.Ordinal);
        Assert.Equal(LogText.MaxLength + 6, LogText.Clip(reason).Length);
    }

    private sealed class NoSink : IRecordSink
    {
        public void Send(string topic, byte[]? key, byte[]? value, long timestampMs, Headers? headers = null)
        {
        }
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, int EventId, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, eventId.Id, formatter(state, exception)));
    }
}
