using System.Net;
using Microsoft.Extensions.Logging;
using RiskStreams.Avro;

namespace RiskStreams.Service.Api;

/// <summary>The account API of a processor with its review publisher, created and disposed together.</summary>
internal sealed class ApiHost : IDisposable
{
    private readonly AvroReviewPublisher _publisher;

    public ApiHost(ApiSettings settings, string bootstrapServers, SchemaRegistryOptions registry, IReadOnlyDictionary<string, string> clientProperties,
        Func<ProcessorHost?> processor, ILoggerFactory loggers)
    {
        Settings = settings;
        _publisher = new AvroReviewPublisher(bootstrapServers, registry, settings.ReviewsTopic, clientProperties);
        Api = new AccountApi(settings, processor, _publisher, loggers.CreateLogger<AccountApi>());
    }

    public ApiSettings Settings { get; }

    public AccountApi Api { get; }

    /// <summary>
    /// The <c>host:port</c> to advertise: <see cref="ApiSettings.AdvertisedServer"/>, else <paramref name="configured"/>
    /// (<c>Kafka:ApplicationServer</c>), else the bound host and port (the machine name when every address is bound).
    /// Null while the API is disabled: no instance directory then.
    /// </summary>
    public string? AdvertisedServer(string? configured, string bindHost, string boundUrl)
    {
        if (!Api.Enabled)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(Settings.AdvertisedServer))
        {
            return Settings.AdvertisedServer;
        }

        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var bound = new Uri(boundUrl);
        var host = bindHost is "0.0.0.0" or "::" or "[::]" or "+" or "*" ? Dns.GetHostName() : bound.Host;
        return $"{host}:{bound.Port}";
    }

    public void Dispose()
    {
        Api.Dispose();
        _publisher.Dispose();
    }
}
