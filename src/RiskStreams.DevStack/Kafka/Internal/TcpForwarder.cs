using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace RiskStreams.DevStack.Internal;

/// <summary>
/// Accepts TCP connections on a fixed loopback port and copies bytes both ways to one upstream endpoint, so a mock
/// broker, whose listener port librdkafka picks itself, can be reached at a port chosen in advance.
/// </summary>
internal sealed class TcpForwarder : IAsyncDisposable, IDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly Socket listener;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<long, Task> connections = new();
    private IPEndPoint? upstream;
    private Task acceptLoop = Task.CompletedTask;
    private long nextConnectionId;
    private int disposed;

    private TcpForwarder(Socket listener, ILogger logger)
    {
        this.listener = listener;
        this.logger = logger;
    }

    /// <summary>The local endpoint accepting connections.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)listener.LocalEndPoint!;

    /// <summary>Binds and listens on <paramref name="endPoint"/> without accepting yet, so a taken port fails first.</summary>
    /// <exception cref="SocketException">The port cannot be bound (e.g. it is in use).</exception>
    public static TcpForwarder Listen(IPEndPoint endPoint, ILogger logger)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endPoint);
            socket.Listen(512);
            return new TcpForwarder(socket, logger);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Starts accepting connections and forwarding each to <paramref name="target"/>.</summary>
    public void Start(IPEndPoint target)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        if (upstream is not null)
        {
            throw new InvalidOperationException("The forwarder is already started.");
        }

        upstream = target;
        acceptLoop = AcceptAsync(stopping.Token);
    }

    /// <summary>Stops accepting and closes every forwarded connection without waiting for them to finish.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        stopping.Cancel();
        listener.Dispose();
    }

    /// <summary>Stops accepting, closes every forwarded connection and waits until all have ended.</summary>
    public async ValueTask DisposeAsync()
    {
        Dispose();
        await acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(connections.Values).ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return; // closed by Dispose
            }

            var id = Interlocked.Increment(ref nextConnectionId);
            var forwarding = ForwardAsync(id, client, cancellationToken);
            connections[id] = forwarding;
            if (forwarding.IsCompleted)
            {
                connections.TryRemove(id, out _); // it ended before it was registered
            }
        }
    }

    private async Task ForwardAsync(long id, Socket client, CancellationToken cancellationToken)
    {
        await Task.Yield(); // leave the accept loop at once
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var server = new Socket(upstream!.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        var clientName = client.RemoteEndPoint?.ToString() ?? "client";
        try
        {
            // Kafka is request/response with small frames: Nagle would add delayed-ACK stalls to every exchange.
            client.NoDelay = true;
            server.NoDelay = true;
            await server.ConnectAsync(upstream, connection.Token).ConfigureAwait(false);
            await Task.WhenAll(
                PumpAsync(client, server, connection),
                PumpAsync(server, client, connection)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                EmbeddedKafkaLog.ForwardFailed(logger, e, clientName, upstream.ToString());
            }
        }
        finally
        {
            client.Dispose();
            connections.TryRemove(id, out _);
        }
    }

    // Copies until the source ends, then half-closes the destination so the peer sees the end too. A failure on
    // either side cancels the whole connection, which unblocks the opposite direction.
    private static async Task PumpAsync(Socket from, Socket to, CancellationTokenSource connection)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var received = await from.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, connection.Token)
                    .ConfigureAwait(false);
                if (received == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                var sent = 0;
                while (sent < received)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, received - sent), SocketFlags.None, connection.Token)
                        .ConfigureAwait(false);
                }
            }
        }
        catch
        {
            await connection.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
