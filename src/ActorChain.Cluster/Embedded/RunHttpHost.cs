using System.Net;
using ActorChain.Cluster.Hosting;
using ActorChain.Cluster.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorChain.Cluster.Embedded;

/// <summary>
/// The HTTP API and dashboard of a <c>run</c> (docs/http.md): Kestrel on 127.0.0.1 only, outside the actors, started
/// before the nodes and stopped with the run; <see cref="NodeApi"/> over the run's <see cref="EmbeddedNodes"/>.
/// </summary>
public sealed class RunHttpHost : IAsyncDisposable
{
    /// <summary>The default port of <c>run --http-port</c>.</summary>
    public const int DefaultPort = 18080;

    /// <summary>How long the host has to stop.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(3);

    private readonly WebApplication _app;
    private int _disposed;

    private RunHttpHost(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The port bound (the one asked for, or the one picked for 0).</summary>
    public int Port { get; }

    /// <summary>The dashboard's address: <c>http://127.0.0.1:PORT/</c>.</summary>
    public string Url => $"http://127.0.0.1:{Port}/";

    /// <summary>
    /// Serves <paramref name="nodes"/> on 127.0.0.1:<paramref name="port"/> (0: a free port). A port in use, or any other
    /// failure to listen, is a <see cref="NodeStartException"/> with one line naming the port.
    /// </summary>
    public static async Task<RunHttpHost> StartAsync(int port, EmbeddedNodes nodes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        if (port != 0 && !PortCheck.IsFree(IPAddress.Loopback, port))
            throw new NodeStartException(InUse(port));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>(); // Ctrl-C and SIGTERM stay run's
        builder.WebHost.ConfigureKestrel(k =>
        {
            NodeApi.ConfigureKestrel(k);
            k.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        NodeApi.Map(app, nodes);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new NodeStartException(PortCheck.IsBindFailure(e)
                ? InUse(port)
                : $"cannot serve HTTP on 127.0.0.1:{port}: {e.Message.Split('\n')[0]}; pass --http-port 0 for any free port, or --no-http");
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var bound = address is not null && Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.Port : port;
        nodes.HttpPort = bound;
        return new RunHttpHost(app, bound);
    }

    private static string InUse(int port) =>
        $"--http-port: port {port} is in use on 127.0.0.1; pass --http-port 0 for any free port, or --no-http";

    /// <summary>Stops serving (open event streams end), within a few seconds.</summary>
    public async Task StopAsync()
    {
        using var cts = new CancellationTokenSource(StopTimeout);
        try
        {
            await _app.StopAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping anyway
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
