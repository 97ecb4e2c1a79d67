using RiskStreams.Streams.Internal.Runtime.Kafka;

namespace RiskStreams.Streams.Tests;

public sealed class GroupMembershipOptionsTests
{
    private static readonly StreamsOptions Valid = new() { ApplicationId = "app", BootstrapServers = "localhost:9092" };

    [Fact]
    public void Membership_is_dynamic_by_default()
    {
        Assert.Null(new StreamsOptions().GroupInstanceId);
        Assert.Null(KafkaClientFactory.GroupConsumer(Valid, "c", null).GroupInstanceId);
    }

    [Fact]
    public void A_static_member_id_is_set_on_the_group_consumer_only()
    {
        var options = Valid with { GroupInstanceId = "pod-0" };

        Assert.Equal("pod-0-1", KafkaClientFactory.GroupConsumer(options, "c", "pod-0-1").GroupInstanceId);
        Assert.Null(KafkaClientFactory.RestoreConsumer(options, "r").GroupInstanceId);
    }

    [Fact]
    public void A_group_instance_id_in_the_client_properties_is_rejected_naming_the_field()
    {
        var options = Valid with { ClientProperties = new Dictionary<string, string> { ["group.instance.id"] = "pod-0" } };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(nameof(StreamsOptions.ClientProperties), error.ParamName);
        Assert.Contains(nameof(StreamsOptions.GroupInstanceId), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_group_instance_id_is_rejected_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>((Valid with { GroupInstanceId = " " }).Validate);

        Assert.Equal(nameof(StreamsOptions.GroupInstanceId), error.ParamName);
    }
}
