using Confluent.Kafka;

namespace RiskStreams.Streams.Reset.Internal;

/// <summary>Client configurations of the reset: the user's properties, then what the reset needs to be correct.</summary>
internal static class ResetClients
{
    public static IAdminClient Admin(ApplicationResetOptions options)
    {
        var config = new AdminClientConfig { BootstrapServers = options.BootstrapServers };
        Apply(config, options);
        config.ClientId = $"{options.ApplicationId}-reset-admin";
        return new AdminClientBuilder(config).SetLogHandler((_, _) => { }).Build();
    }

    public static ConsumerConfig Consumer(ApplicationResetOptions options)
    {
        var config = new ConsumerConfig { BootstrapServers = options.BootstrapServers };
        Apply(config, options);
        config.GroupId = options.ApplicationId;
        config.ClientId = $"{options.ApplicationId}-reset";
        config.EnableAutoCommit = false;
        config.EnableAutoOffsetStore = false;

        // The engine's strategy: a group never sees two protocols, whoever joins it.
        config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky;
        return config;
    }

    private static void Apply(ClientConfig config, ApplicationResetOptions options)
    {
        foreach (var (key, value) in options.ClientProperties)
        {
            config.Set(key, value);
        }
    }
}
