namespace RiskStreams.DevStack.Tests.Kafka;

public sealed class EmbeddedKafkaClusterOptionsTests
{
    [Fact]
    public void Defaults_are_one_broker_on_any_free_port_with_four_partitions()
    {
        var options = new EmbeddedKafkaClusterOptions();

        options.Validate();

        Assert.Equal((1, 0, 4, TimeSpan.Zero),
            (options.BrokerCount, options.BootstrapPort, options.DefaultPartitions, options.GroupInitialRebalanceDelay));
    }

    public static TheoryData<EmbeddedKafkaClusterOptions, string> InvalidOptions => new()
    {
        { new EmbeddedKafkaClusterOptions { BrokerCount = 0 }, "EmbeddedKafkaClusterOptions.BrokerCount" },
        { new EmbeddedKafkaClusterOptions { BrokerCount = 33 }, "EmbeddedKafkaClusterOptions.BrokerCount" },
        { new EmbeddedKafkaClusterOptions { BootstrapPort = -1 }, "EmbeddedKafkaClusterOptions.BootstrapPort" },
        { new EmbeddedKafkaClusterOptions { BootstrapPort = 65536 }, "EmbeddedKafkaClusterOptions.BootstrapPort" },
        { new EmbeddedKafkaClusterOptions { DefaultPartitions = 0 }, "EmbeddedKafkaClusterOptions.DefaultPartitions" },
        {
            new EmbeddedKafkaClusterOptions { GroupInitialRebalanceDelay = TimeSpan.FromMilliseconds(-1) },
            "EmbeddedKafkaClusterOptions.GroupInitialRebalanceDelay"
        },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_names_the_bad_field(EmbeddedKafkaClusterOptions options, string field)
    {
        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.StartsWith(field + " ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_rejects_invalid_options_naming_the_field()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { DefaultPartitions = -3 }));

        Assert.Contains("DefaultPartitions", error.Message, StringComparison.Ordinal);
    }
}
