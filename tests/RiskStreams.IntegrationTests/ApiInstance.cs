using Microsoft.Extensions.Logging.Abstractions;
using RiskStreams.Avro;
using RiskStreams.Service;
using RiskStreams.Service.Api;
using RiskStreams.Streams;
using RiskStreams.Topology;

namespace RiskStreams.IntegrationTests;

/// <summary>One processor instance with its HTTP port (metrics, account API, console) on the embedded cluster, as <c>run</c> wires it.</summary>
internal sealed class ApiInstance : IAsyncDisposable
{
    private readonly ApiHost _api;
    private readonly MetricsServer _server;

    private ApiInstance(ApiHost api, MetricsServer server, ProcessorHost processor, string advertised)
    {
        _api = api;
        _server = server;
        Processor = processor;
        Server = advertised;
    }

    public ProcessorHost Processor { get; }

    /// <summary>The advertised <c>host:port</c>.</summary>
    public string Server { get; }

    public string Url => _server.Url;

    public HttpClient Client(string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri(Url) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public static async Task<ApiInstance> StartAsync(StackFixture stack, string applicationId, RiskTopologyOptions topology, ApiSettings settings,
        IStateRestoreListener? restoreListener = null, Microsoft.Extensions.Logging.ILoggerFactory? apiLoggers = null)
    {
        ProcessorHost? processor = null;
        var registry = new SchemaRegistryOptions { Url = stack.Registry.Url };
        var api = new ApiHost(settings, stack.Cluster.BootstrapServers, registry, new Dictionary<string, string>(), () => processor, apiLoggers ?? NullLoggerFactory.Instance);
        var server = await MetricsServer.StartAsync("127.0.0.1", 0, () => processor?.Streams, TimeSpan.FromSeconds(10), CancellationToken.None, api.Api);
        var advertised = api.AdvertisedServer(null, "127.0.0.1", server.Url)!;
        var streams = new StreamsOptions
        {
            ApplicationId = applicationId,
            BootstrapServers = stack.Cluster.BootstrapServers,
            CommitInterval = TimeSpan.FromMilliseconds(200),
            ApplicationServer = advertised,
            RestoreListener = restoreListener,

            // The mock cluster admits a group's next member only after session.timeout.ms - 1 s.
            ClientProperties = new Dictionary<string, string> { ["session.timeout.ms"] = "3000", ["heartbeat.interval.ms"] = "500" },
            InternalTopicCreator = topics =>
            {
                stack.Cluster.CreateTopics(topics.Select(t => (t.Topic, t.Partitions)));
                return Task.CompletedTask;
            },
        };
        processor = await ProcessorHost.StartAsync(streams, registry, topology, NullLoggerFactory.Instance, CancellationToken.None);
        return new ApiInstance(api, server, processor, advertised);
    }

    public async ValueTask DisposeAsync()
    {
        await Processor.DisposeAsync();
        await _server.DisposeAsync();
        _api.Dispose();
    }
}
