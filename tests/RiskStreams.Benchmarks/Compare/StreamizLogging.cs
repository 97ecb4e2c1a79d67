using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RiskStreams.Benchmarks.Compare;

/// <summary>Streamiz logs to the console at Information by default; the comparison's output is its JSON lines and table only.</summary>
internal static class StreamizLogging
{
    public static ILoggerFactory None { get; } = NullLoggerFactory.Instance;
}
