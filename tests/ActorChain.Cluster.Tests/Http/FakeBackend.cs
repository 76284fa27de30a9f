using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ActorChain.Cluster.Hosting;
using ActorChain.Cluster.Http;
using ActorChain.Core;
using ActorChain.Core.Pos.Block;
using ActorChain.Node;
using ActorChain.Node.Configuration;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace ActorChain.Cluster.Tests.Http;

/// <summary>A node as the API sees it, for tests: a real guardian or a probe, a settable cluster view, a scripted event feed.</summary>
internal sealed class FakeBackend(int nodeId, ActorSystem system, IActorRef guardian, ChainSettings settings, params string[] hosted)
    : INodeBackend
{
    public int NodeId { get; } = nodeId;

    public ActorSystem System { get; } = system;

    public IActorRef Guardian { get; } = guardian;

    public ChainSettings Settings { get; } = settings;

    public ImmutableArray<string> Hosted { get; } = [.. hosted];

    public FakeCluster View { get; } = new();

    public IClusterView Cluster => View;

    public FakeFeed Feed { get; } = new();

    public IEventFeed Events => Feed;

    public CollectorRegistry Metrics { get; } = Prometheus.Metrics.NewCustomRegistry();

    public List<TimeSpan?> Crashes { get; } = [];

    public ActorChain.Cluster.Telemetry.NodeBook? Book { get; init; }

    public Task<string> CrashAsync(TimeSpan? downFor, CancellationToken ct)
    {
        Crashes.Add(downFor);
        return Task.FromResult($"node {NodeId} crashed; restarts in {downFor?.TotalSeconds ?? 0}s from its data dir");
    }

    /// <summary>Settings with alice..dave funded and four genesis validators v0..v3 of 32 coins.</summary>
    public static ChainSettings TestSettings(int validators = 4) => ChainSettings.Defaults with
    {
        Validators = [.. Enumerable.Range(0, validators).Select(i => new NamedAmount("v" + i, Units.Coins(32)))],
    };

    /// <summary>A real node (no miners) in <paramref name="system"/>, real time, stores in memory.</summary>
    public static IActorRef RealNode(ActorSystem system, int id, ChainSettings settings, params string[] validators)
    {
        var context = new NodeContext(id, SchedulerClock.Of(system), ActorRefs.Nobody, settings, 7, new TransitionMemo(), NodeStores.InMemory());
        return system.ActorOf(NodeGuardian.Create(context, new NodeSpec(id, [], [.. validators], null)), "node-" + id);
    }

    /// <summary>The member this backend is, served at <paramref name="httpPort"/>.</summary>
    public MemberView Member(int? httpPort, bool self = false, string status = "Up") =>
        new(NodeId, $"akka.tcp://actorchain@127.0.0.1:{25520 + NodeId}", httpPort, status, Hosted, self);
}

/// <summary>A cluster view whose members a test sets.</summary>
internal sealed class FakeCluster : IClusterView
{
    public ImmutableArray<MemberView> Current { get; set; } = [];

    public ImmutableArray<MemberView> Members() => Current;
}

/// <summary>Events given by the test: the replay, then whatever it writes live.</summary>
internal sealed class FakeFeed : IEventFeed
{
    public List<string> Replay { get; } = [];

    public Channel<string> Live { get; } = Channel.CreateUnbounded<string>();

    public async IAsyncEnumerable<string> Subscribe([EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var line in Replay.ToList())
            yield return line;
        await foreach (var line in Live.Reader.ReadAllAsync(ct))
            yield return line;
    }
}

/// <summary>The API of one backend served by Kestrel on 127.0.0.1, on a free port.</summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, int port)
    {
        _app = app;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    public static async Task<ApiHost> StartAsync(INodeBackend backend)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(NodeApi.ConfigureKestrel);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        NodeApi.Map(app, backend);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiHost(app, new Uri(address).Port);
    }

    /// <summary>A port nothing listens on (bound, then released).</summary>
    public static int DeadPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>Stops the host (as on SIGTERM), leaving the client open.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
