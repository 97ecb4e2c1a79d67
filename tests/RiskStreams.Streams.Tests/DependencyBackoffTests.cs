using RiskStreams.Streams.Internal.Runtime.Kafka;

namespace RiskStreams.Streams.Tests;

public sealed class DependencyBackoffTests
{
    [Fact]
    public void Retries_wait_100_ms_then_twice_as_long_each_time_up_to_30_s()
    {
        var backoff = new DependencyBackoff();
        var delays = new List<long>();
        var now = 1_000L;
        for (var i = 0; i < 12; i++)
        {
            backoff.Fail(now);
            delays.Add(backoff.RetryAtMs - now);
            now = backoff.RetryAtMs;
        }

        Assert.Equal([100L, 200, 400, 800, 1_600, 3_200, 6_400, 12_800, 25_600, 30_000, 30_000, 30_000], delays);
        Assert.Equal(12, backoff.Attempts);
    }

    [Fact]
    public void Only_the_first_failure_starts_a_pause_and_a_success_clears_it()
    {
        var backoff = new DependencyBackoff();
        Assert.True(backoff.CanTry(0));

        Assert.True(backoff.Fail(1_000));
        Assert.False(backoff.Fail(1_100));
        Assert.Equal(1_000, backoff.PausedSinceMs);
        Assert.False(backoff.CanTry(1_299));
        Assert.True(backoff.CanTry(1_300));

        backoff.Clear();
        Assert.False(backoff.Paused);
        Assert.True(backoff.Fail(5_000));
        Assert.Equal(5_100, backoff.RetryAtMs);
    }
}
