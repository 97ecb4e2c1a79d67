using System.Runtime.CompilerServices;

// The librdkafka resolver's probing is tested by the DevStack tests, which exercise the embedded cluster it serves.
[assembly: InternalsVisibleTo("RiskStreams.DevStack.Tests")]
