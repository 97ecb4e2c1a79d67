using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using RiskStreams.DevStack.Internal;

namespace RiskStreams.DevStack;

/// <summary>
/// An in-memory Schema Registry speaking the Confluent REST API subset the serdes and tools use
/// (register, lookup, schema by id, subjects, versions, compatibility, global and per-subject
/// config: everything Confluent's .NET serdes call), served by Kestrel on
/// 127.0.0.1. Schema ids are global and stable per canonical schema; new versions are checked
/// against the compatibility level (BACKWARD by default). For development and tests only: state is
/// lost when it stops.
/// </summary>
public sealed class EmbeddedSchemaRegistry : IAsyncDisposable
{
    private readonly int _port;
    private readonly RegistryStore _store = new();
    private WebApplication? _app;
    private string? _url;

    /// <summary>Creates a registry; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="port">The TCP port on 127.0.0.1; 0 (the default) picks a free one.</param>
    public EmbeddedSchemaRegistry(int port = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        _port = port;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41873</c>, with the actual port.</summary>
    /// <exception cref="InvalidOperationException">The registry has not been started.</exception>
    public string Url => _url ?? throw new InvalidOperationException($"{nameof(EmbeddedSchemaRegistry)} is not started; call {nameof(StartAsync)} first.");

    /// <summary>Starts listening.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task completing when the registry accepts requests.</returns>
    /// <exception cref="InvalidOperationException">The registry was already started.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException($"{nameof(EmbeddedSchemaRegistry)} is already started.");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmbeddedSchemaRegistry).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // The host process's appsettings and ASPNETCORE_* variables are meant for the host, not
        // for this listener (they could move it onto the host's ports), so they are ignored.
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port));

        var app = builder.Build();
        RegistryEndpoints.Map(app, _store);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        _app = app;
        _url = app.Urls.First().TrimEnd('/');
    }

    /// <summary>Stops listening; the schemas are kept until the instance is discarded.</summary>
    /// <param name="cancellationToken">Cancels a graceful stop.</param>
    /// <returns>A task completing when the listener is closed.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_app is { } app)
        {
            _app = null;
            _url = null;
            await app.StopAsync(cancellationToken);
            await app.DisposeAsync();
        }
    }

    /// <summary>Stops the registry.</summary>
    /// <returns>A task completing when the listener is closed.</returns>
    public async ValueTask DisposeAsync() => await StopAsync();
}
