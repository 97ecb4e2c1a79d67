using System.Text;
using RiskStreams.Streams.Internal.Discovery;

namespace RiskStreams.Streams.Tests;

/// <summary>Key partitioning and the instance directory's records, without a cluster.</summary>
public sealed class InstanceDiscoveryTests
{
    /// <summary>The values of Kafka's own <c>UtilsTest.testMurmur2</c>.</summary>
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void Murmur2_matches_the_java_client(string key, int expected) =>
        Assert.Equal(expected, Murmur2.Hash(Encoding.UTF8.GetBytes(key)));

    [Fact]
    public void Partition_is_the_positive_hash_modulo_the_partition_count() =>
        Assert.Equal((-973932308 & 0x7fffffff) % 7, Murmur2.Partition(Encoding.UTF8.GetBytes("21"), 7));

    [Fact]
    public void Claim_round_trips_server_and_tasks()
    {
        var at = new DateTime(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc);
        var claim = InstanceDirectory.Decode(InstanceDirectory.Encode("pod-1.risk:9464", [new TaskId(1, 3), new TaskId(0, 2)]), at);

        Assert.NotNull(claim);
        Assert.Equal(("pod-1.risk:9464", at), (claim.Server, claim.At));
        Assert.Equal([new TaskId(0, 2), new TaskId(1, 3)], claim.Tasks.OrderBy(t => t.Subtopology));
        Assert.Equal("""{"server":"pod-1.risk:9464","tasks":["0_2","1_3"]}""", Encoding.UTF8.GetString(InstanceDirectory.Encode("pod-1.risk:9464", [new TaskId(1, 3), new TaskId(0, 2)])));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"server":"h:1","tasks":["x"]}""")]
    [InlineData("""{"tasks":[]}""")]
    public void A_record_that_is_not_a_claim_is_ignored(string value) =>
        Assert.Null(InstanceDirectory.Decode(Encoding.UTF8.GetBytes(value), DateTime.UtcNow));

    [Theory]
    [InlineData("localhost:9464", true)]
    [InlineData("10.0.0.7:1", true)]
    [InlineData("localhost", false)]
    [InlineData("localhost:0", false)]
    [InlineData("http://host:80", false)]
    public void Application_server_must_be_host_and_port(string server, bool valid)
    {
        var options = new StreamsOptions { ApplicationId = "app", BootstrapServers = "b:9092", ApplicationServer = server };
        if (valid)
        {
            options.Validate();
        }
        else
        {
            Assert.Equal(nameof(StreamsOptions.ApplicationServer), Assert.Throws<ArgumentException>(options.Validate).ParamName);
        }
    }
}
