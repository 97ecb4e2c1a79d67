using System.Net;
using System.Net.Sockets;

namespace RiskStreams.DevStack.Internal;

/// <summary>A socket bound (not listening) to a port, so no other socket of the machine takes the port until it is disposed.</summary>
internal static class PortHold
{
    /// <summary>Binds <paramref name="endpoint"/>; a port already taken again is left as it is (null hold).</summary>
    public static IDisposable Bind(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // Connections the broker accepted may linger in TIME_WAIT on this port; the broker's own listener rebinds the same way.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return socket;
        }
    }
}
