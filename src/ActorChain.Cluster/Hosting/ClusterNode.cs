using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ActorChain.Cluster.Http;
using ActorChain.Cluster.Membership;
using ActorChain.Cluster.Telemetry;
using ActorChain.Core.Pos.Block;
using ActorChain.Node;
using ActorChain.Node.Configuration;
using ActorChain.Node.Events;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using Akka.Actor;
using Akka.Event;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace ActorChain.Cluster.Hosting;

/// <summary>How a node process ended: its exit code and, unless it ended normally, one line saying why.</summary>
public sealed record NodeExit(int Code, string? Line);

/// <summary>
/// One cluster member process hosting one node (ARCHITECTURE.md, "Network and process model"): the actor system
/// (<c>provider = cluster</c>), the node's stores, its event sink, its <see cref="NodeGuardian"/> at <c>/user/node</c>,
/// the <see cref="PeerDirectory"/> at <c>/user/directory</c> and the HTTP host on loopback. It joins the seeds, then runs
/// until its actor system terminates: Ctrl-C or SIGTERM (coordinated shutdown: it leaves the cluster), a genesis
/// mismatch it loses (exit 2), being downed, or its node failing.
/// </summary>
public sealed class ClusterNode : INodeBackend, IAsyncDisposable
{
    /// <summary>How long the node's parts have to start, and the HTTP host to stop.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly ClusterNodeSetup _setup;
    private readonly ClusterNodeSeams _seams;
    private readonly NodeStores _stores;
    private readonly ClusterViewBoard _board = new();
    private readonly TaskCompletionSource<NodeExit> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _crashGate = new(1, 1);
    private NodeContext _context = null!;
    private IActorRef _events = ActorRefs.Nobody;
    private NodeTelemetry? _telemetry;
    private IActorRef _directory = ActorRefs.Nobody;
    private volatile IActorRef _guardian = ActorRefs.Nobody;
    private WebApplication? _http;
    private NodeExit? _reason;
    private long _crashedAt = -1;
    private int _disposed;

    private ClusterNode(ClusterNodeSetup setup, ClusterNodeSeams seams, NodeStores stores, ActorSystem system)
    {
        _setup = setup;
        _seams = seams;
        _stores = stores;
        System = system;
    }

    /// <inheritdoc />
    public int NodeId => _setup.NodeId;

    /// <inheritdoc />
    public ActorSystem System { get; }

    /// <inheritdoc />
    public IActorRef Guardian => _guardian;

    /// <inheritdoc />
    public ChainSettings Settings => _setup.Settings;

    /// <inheritdoc />
    public ImmutableArray<string> Hosted => _setup.Hosted;

    /// <inheritdoc />
    public IClusterView Cluster => _board;

    /// <inheritdoc />
    public IEventFeed Events { get; private set; } = null!;

    /// <inheritdoc />
    public CollectorRegistry Metrics => _telemetry?.Metrics.Registry ?? throw new InvalidOperationException("the node has not started");

    /// <inheritdoc />
    public Telemetry.NodeBook? Book => _telemetry?.Book;

    /// <inheritdoc />
    /// <remarks>Every node of a cluster runs the same miners: <c>miner-I-K</c> for K below <c>MinersPerNode</c>, each at <c>MinerHashrate</c> (none with --pos).</remarks>
    public ImmutableArray<KnownMiner> Miners => _setup.Pos ? [] :
        [.. _board.Members().Select(m => m.NodeId).OfType<int>().Append(NodeId).Distinct().Order()
            .SelectMany(id => Enumerable.Range(0, Settings.MinersPerNode).Select(k => new KnownMiner($"miner-{id}-{k}", id, Settings.MinerHashrate)))];

    /// <summary>The resolved setup this node runs.</summary>
    public ClusterNodeSetup Setup => _setup;

    /// <summary>The remoting port bound (the one asked for, or the one picked for port 0).</summary>
    public int RemotingPort { get; private set; }

    /// <summary>The HTTP port bound.</summary>
    public int HttpPort { get; private set; }

    /// <summary>Completes when the node's actor system has terminated, with the exit code and reason.</summary>
    public Task<NodeExit> Exited => _exit.Task;

    /// <summary>
    /// Starts the node of <paramref name="setup"/> and returns once it is Up in the cluster; a problem (ports in use, a
    /// refused data dir, no seed reachable within the join timeout, a genesis mismatch lost while joining) is a
    /// <see cref="NodeStartException"/>, with nothing left running.
    /// </summary>
    public static async Task<ClusterNode> StartAsync(ClusterNodeSetup setup, ClusterNodeSeams? seams = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        seams ??= ClusterNodeSeams.Default;
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16)); // AKKANET.md §9: two cores, timers on the pool
        var loopback = global::System.Net.IPAddress.Parse(ClusterNodeSetup.Hostname);
        if (setup.Port != 0 && !PortCheck.IsFree(loopback, setup.Port))
            throw new NodeStartException($"port {setup.Port} is in use on {ClusterNodeSetup.Hostname}: pick a free remoting port with --port");
        if (setup.HttpPort != 0 && !PortCheck.IsFree(setup.HttpHost, setup.HttpPort))
            throw new NodeStartException($"http port {setup.HttpPort} is in use on {setup.HttpHost}: pick another with --http-port (0 = any free port)");
        try
        {
            Directory.CreateDirectory(setup.DataDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new NodeStartException($"cannot create the data directory {setup.DataDir}: {e.Message}");
        }

        setup.Settings.DeriveGenesisKeys();
        NodeStores stores;
        try
        {
            stores = seams.OpenStores(setup.DataDir, setup.GenesisDigest); // STORES SEAM
        }
        catch (Exception e) when (e is StoreException or IOException or UnauthorizedAccessException)
        {
            throw new NodeStartException($"data dir {setup.DataDir} refused: {e.Message.Split('\n')[0]}");
        }
        catch (Exception e) when (NodeStores.IsNativeLibraryMissing(e))
        {
            throw new NodeStartException(NodeStores.NativeLibraryLine(setup.DataDir, e), exitCode: 1); // not bad input: the install
        }

        ActorSystem system;
        try
        {
            system = ActorSystem.Create(ClusterInfo.SystemName, setup.AkkaConfig);
        }
        catch (Exception e)
        {
            stores.Dispose();
            throw PortCheck.IsBindFailure(e)
                ? new NodeStartException($"port {setup.Port} is in use on {ClusterNodeSetup.Hostname}: pick a free remoting port with --port")
                : new NodeStartException("cannot start the actor system: " + e.Message.Split('\n')[0], 1);
        }

        var node = new ClusterNode(setup, seams, stores, system);
        try
        {
            await node.StartPartsAsync(ct).ConfigureAwait(false);
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartPartsAsync(CancellationToken ct)
    {
        var cluster = Akka.Cluster.Cluster.Get(System);
        RemotingPort = cluster.SelfAddress.Port ?? _setup.Port;
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        _ = System.WhenTerminated.ContinueWith(_ => OnTerminated(), TaskScheduler.Default);

        _telemetry = NodeTelemetry.Start(System, _setup.NodeId, _setup.Settings); // the hub outlives a crash of the node
        _events = _telemetry.Hub;
        Events = _telemetry.Events;
        _context = new NodeContext(_setup.NodeId, SchedulerClock.Of(System), _events, _setup.Settings, _setup.Seed,
            new TransitionMemo(), _stores) { ValidatorDispatcher = NodeContext.ClusterValidatorDispatcher };
        _guardian = SpawnGuardian();
        _telemetry.StartPolling(() => _guardian, _board); // finds the new guardian after a crash

        HttpPort = await StartHttpAsync(ct).ConfigureAwait(false);
        var hello = Genesis.HelloOf(_setup.NodeId, _setup.Settings, _setup.Pos, HttpPort, _setup.Hosted);
        _directory = System.ActorOf(PeerDirectory.Create(hello, _guardian, _board, OnGenesisMismatch), PeerDirectory.ActorName);

        cluster.JoinSeedNodes(_setup.Seeds);
        var timeout = After(_setup.JoinTimeout, ct);
        var done = await Task.WhenAny(up.Task, timeout, System.WhenTerminated).ConfigureAwait(false);
        if (done == up.Task)
        {
            WriteNodeInfo();
            return;
        }
        if (done == System.WhenTerminated && _reason is { Line: { } line } reason)
            throw new NodeStartException(line, reason.Code, reason.Code == NodeStartException.BadInput);
        ct.ThrowIfCancellationRequested();
        var seeds = string.Join(", ", _setup.Seeds.Select(PeerDirectory.HostPort));
        throw new NodeStartException(done == timeout
            ? $"cannot join the cluster: no seed node reachable at {seeds} within {Describe(_setup.JoinTimeout)}"
            : "the node stopped before it joined the cluster (see its log)");
    }

    /// <summary>A new guardian at <c>/user/node</c> from the node's context (and so its stores), started in PoS with <c>--pos</c>.</summary>
    private IActorRef SpawnGuardian()
    {
        var spec = new NodeSpec(_setup.NodeId, _setup.Miners, _setup.Hosted, null);
        var guardian = System.ActorOf(NodeGuardian.Create(_context, spec), "node");
        if (_setup.Pos)
            guardian.Tell(NodeGuardian.StartPos.Instance); // ignored by a chain that reloaded into PoS already
        _ = guardian.WatchAsync(CancellationToken.None).ContinueWith(_ => OnGuardianStopped(guardian), TaskScheduler.Default);
        return guardian;
    }

    private void OnGuardianStopped(IActorRef guardian)
    {
        if (!guardian.Equals(_guardian) || Interlocked.Read(ref _crashedAt) >= 0 || System.WhenTerminated.IsCompleted
            || CoordinatedShutdown.Get(System).ShutdownReason is not null)
            return; // crashed on purpose, replaced, or the process is ending anyway
        Record(new NodeExit(1, $"node {NodeId} stopped: its node stopped; see its log"));
        _ = CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.UnknownReason.Instance);
    }

    private void OnGenesisMismatch(string line)
    {
        Record(new NodeExit(NodeStartException.BadInput, line));
        _ = CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
    }

    private void Record(NodeExit reason) => Interlocked.CompareExchange(ref _reason, reason, null);

    private void OnTerminated()
    {
        var why = CoordinatedShutdown.Get(System).ShutdownReason;
        var exit = _reason ?? (why is CoordinatedShutdown.ClusterDowningReason
            ? new NodeExit(1, $"node {NodeId} stopped: the cluster downed this member (unreachable or on the minority side of a partition); see its log")
            : new NodeExit(0, null));
        _exit.TrySetResult(exit);
    }

    private async Task<int> StartHttpAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            NodeApi.ConfigureKestrel(k);
            k.Listen(_setup.HttpHost, _setup.HttpPort);
        });
        var app = builder.Build();
        app.MapGet("/api/ping", () => Results.Text($"node {NodeId}\n"));
        _seams.MapHttp(app, this); // HTTP SEAM
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw PortCheck.IsBindFailure(e)
                ? new NodeStartException($"http port {_setup.HttpPort} is in use on {_setup.HttpHost}: pick another with --http-port (0 = any free port)")
                : new NodeStartException($"cannot serve HTTP on {_setup.HttpHost}:{_setup.HttpPort}: {e.Message.Split('\n')[0]}");
        }

        _http = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is not null && Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.Port : _setup.HttpPort;
    }

    /// <summary><c>DATA_DIR/node.json</c>: who runs in this data dir and where it listens (the Java version's fields).</summary>
    private void WriteNodeInfo()
    {
        var info = new Dictionary<string, object>
        {
            ["id"] = NodeId,
            ["artery"] = $"{ClusterNodeSetup.Hostname}:{RemotingPort}",
            ["arteryPort"] = RemotingPort,
            ["http"] = $"http://{_setup.HttpHost}:{HttpPort}",
            ["httpPort"] = HttpPort,
            ["seedNodes"] = _setup.Seeds.Select(PeerDirectory.HostPort).ToArray(),
            ["consensus"] = _setup.Pos ? "pos" : "pow",
            ["pid"] = Environment.ProcessId,
        };
        try
        {
            File.WriteAllText(Path.Combine(_setup.DataDir, "node.json"), JsonSerializer.Serialize(info, IndentedJson));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            System.Log.Warning("cannot write {0}: {1}", Path.Combine(_setup.DataDir, "node.json"), e.Message);
        }
    }

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    /// <summary>The one line <c>node</c> prints once the member is Up.</summary>
    public string UpLine() =>
        $"node {NodeId} up: akka.tcp {ClusterNodeSetup.Hostname}:{RemotingPort}, http http://{_setup.HttpHost}:{HttpPort}";

    /// <summary>Leaves the cluster and stops (coordinated shutdown), as on SIGTERM.</summary>
    public Task StopAsync() => CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance);

    /// <inheritdoc />
    public async Task<string> CrashAsync(TimeSpan? downFor, CancellationToken ct)
    {
        await _crashGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Interlocked.Read(ref _crashedAt) is var since and >= 0)
                return $"node {NodeId} is down already (crashed {_context.Clock.NowMillis - since} ms ago)";
            var old = _guardian;
            Interlocked.Exchange(ref _crashedAt, _context.Clock.NowMillis);
            _directory.Tell(new PeerDirectory.SetGuardian(null));
            System.Stop(old);
            // Not the request's token: from here on the restart is scheduled whether or not the client still waits.
            using (var bounded = new CancellationTokenSource(OldGuardianStopWait))
            {
                try
                {
                    await old.WatchAsync(bounded.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    System.Log.Warning("node {0}: its old node did not stop within {1}; restarting anyway", NodeId, Describe(OldGuardianStopWait));
                }
            }
            System.Log.Info("node {0} crashed (crash fault); its stores ({1}) stay", NodeId, _stores.Chain.Location);
            _events.Tell(NodeEvent.Of(_context.Clock.NowMillis, NodeId, "node_crashed"));
        }
        finally
        {
            _crashGate.Release();
        }

        var delay = downFor ?? TimeSpan.Zero;
        _ = RestartOrStopAsync(delay);
        return delay > TimeSpan.Zero
            ? $"node {NodeId} crashed; restarts in {Describe(delay)} from its data dir"
            : $"node {NodeId} crashed; restarting now from its data dir";
    }

    /// <summary>How long a restart waits before it tries again to take <c>/user/node</c> while the old guardian's name is still taken.</summary>
    private static readonly TimeSpan NameFreeRetry = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// A task that completes after <paramref name="delay"/> on the actor system's scheduler (ARCHITECTURE.md, "Time": every
    /// timer goes through it), or is cancelled with <paramref name="ct"/>.
    /// </summary>
    private Task After(TimeSpan delay, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = System.Scheduler.Advanced.ScheduleOnceCancelable(delay, () => done.TrySetResult());
        if (ct.CanBeCanceled)
        {
            var registration = ct.Register(() =>
            {
                timer.Cancel();
                done.TrySetCanceled(ct);
            });
            _ = done.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }
        return done.Task;
    }

    /// <summary>How long a crash waits for the old guardian to stop before it schedules the restart anyway.</summary>
    private static readonly TimeSpan OldGuardianStopWait = TimeSpan.FromSeconds(10);

    /// <summary>Restarts after <paramref name="delay"/>; a restart that fails ends the process with one line, never silently.</summary>
    private async Task RestartOrStopAsync(TimeSpan delay)
    {
        try
        {
            await RestartAfterAsync(delay).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var line = $"node {NodeId} stopped: its restart after a crash failed: {e.Message.Split('\n')[0]}";
            System.Log.Error("{0}", line);
            Record(new NodeExit(1, line));
            _ = CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.UnknownReason.Instance);
        }
    }

    /// <summary>After <paramref name="delay"/>, a new guardian from the same stores (its chain reloads first), linked to every peer again.</summary>
    private async Task RestartAfterAsync(TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
            await After(delay, CancellationToken.None).ConfigureAwait(false);
        await _crashGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (System.WhenTerminated.IsCompleted)
                return;
            IActorRef? guardian = null;
            for (var attempt = 0; guardian is null; attempt++)
            {
                try
                {
                    guardian = SpawnGuardian();
                }
                catch (InvalidActorNameException) when (attempt < 50)
                {
                    await After(NameFreeRetry, CancellationToken.None).ConfigureAwait(false); // the old one's name is not free yet
                }
            }
            _guardian = guardian;
            var downMillis = _context.Clock.NowMillis - Interlocked.Exchange(ref _crashedAt, -1);
            _directory.Tell(new PeerDirectory.SetGuardian(guardian));
            System.Log.Info("node {0} restarted from its stores after {1} ms down", NodeId, downMillis);
            _events.Tell(NodeEvent.Of(_context.Clock.NowMillis, NodeId, "node_restarted", "downMillis", downMillis));
        }
        finally
        {
            _crashGate.Release();
        }
    }

    /// <summary><c>20s</c>, <c>1500ms</c>, <c>2m</c>.</summary>
    public static string Describe(TimeSpan d)
    {
        var ms = (long)d.TotalMilliseconds;
        if (ms >= 60_000 && ms % 60_000 == 0) return (ms / 60_000).ToString(CultureInfo.InvariantCulture) + "m";
        return ms % 1000 == 0 ? (ms / 1000).ToString(CultureInfo.InvariantCulture) + "s" : ms.ToString(CultureInfo.InvariantCulture) + "ms";
    }

    /// <summary>Stops everything (leaving the cluster if still a member), then closes the HTTP host and the stores.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (!System.WhenTerminated.IsCompleted)
        {
            await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance).ConfigureAwait(false);
            try
            {
                // Bounded by the BCL's timer, not the actor system's scheduler: the scheduler stops with the system.
                await System.WhenTerminated.WaitAsync(StartTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // the stores and the HTTP host are closed below all the same
            }
        }
        if (_http is not null)
        {
            using var cts = new CancellationTokenSource(StartTimeout);
            try
            {
                await _http.StopAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // stopping anyway
            }
            await _http.DisposeAsync().ConfigureAwait(false);
        }
        _stores.Dispose();
        _crashGate.Dispose();
    }
}
