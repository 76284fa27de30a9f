using System.Net;
using System.Net.Sockets;

namespace ActorChain.Cluster.Hosting;

/// <summary>Whether a TCP port can be bound now, so that a busy port is one line before Akka or Kestrel try (and log a stack trace).</summary>
public static class PortCheck
{
    /// <summary>True when a listener can bind <paramref name="host"/>:<paramref name="port"/> right now.</summary>
    public static bool IsFree(IPAddress host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        var listener = new TcpListener(host, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>A port free on loopback now (for tests: it may be taken again before it is used).</summary>
    public static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>True when <paramref name="e"/> or one of its causes says an address is already in use.</summary>
    public static bool IsBindFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("failed to bind", StringComparison.OrdinalIgnoreCase))
                return true;
            if (e is AggregateException a && a.InnerExceptions.Any(IsBindFailure))
                return true;
        }

        return false;
    }
}
