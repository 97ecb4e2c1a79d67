using RiskStreams.DevStack;

namespace RiskStreams.Avro.Tests;

/// <summary>One embedded registry per test class, on a free port.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public EmbeddedSchemaRegistry Registry { get; } = new();

    public string Url => Registry.Url;

    public Task InitializeAsync() => Registry.StartAsync();

    public Task DisposeAsync() => Registry.DisposeAsync().AsTask();

    public SchemaRegistryClient CreateClient(RecordingHandler? handler = null) =>
        new(new SchemaRegistryOptions { Url = Url }, handler ?? new RecordingHandler(), disposeHandler: true);

    /// <summary>A topic name no other test uses, so tests don't share subjects.</summary>
    public static string UniqueTopic(string prefix) => $"{prefix}.{Guid.NewGuid():N}";
}
