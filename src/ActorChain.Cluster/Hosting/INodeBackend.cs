using System.Collections.Immutable;
using ActorChain.Node.Configuration;
using Akka.Actor;
using Prometheus;

namespace ActorChain.Cluster.Hosting;

/// <summary>
/// One running cluster node as its HTTP API sees it: the actor system, the node's guardian, its settings, the cluster's
/// members, its event feed and its metrics registry. <c>ClusterNode</c> implements it; tests fake it.
/// </summary>
public interface INodeBackend
{
    /// <summary>This node's id (node I of <c>scripts/cluster</c>).</summary>
    int NodeId { get; }

    /// <summary>The process's actor system.</summary>
    ActorSystem System { get; }

    /// <summary>The node's <c>NodeGuardian</c> (<c>/user/node</c>).</summary>
    IActorRef Guardian { get; }

    /// <summary>The chain settings every process of the cluster shares.</summary>
    ChainSettings Settings { get; }

    /// <summary>The validators this process hosts, by name.</summary>
    ImmutableArray<string> Hosted { get; }

    /// <summary>The cluster's live members as this process sees them.</summary>
    IClusterView Cluster { get; }

    /// <summary>The node's events: a replay of the latest, then live.</summary>
    IEventFeed Events { get; }

    /// <summary>The node's own Prometheus registry.</summary>
    CollectorRegistry Metrics { get; }

    /// <summary>
    /// The <c>crash</c> fault on this node: its actors stop at once, as after a process crash, and after
    /// <paramref name="downFor"/> (null: at once) restart from its data dir, re-importing their blocks before taking
    /// part. Returns what happened, in one line, once the node is down (e.g. "node 2 crashed; restarts in 5s from its
    /// data dir").
    /// </summary>
    Task<string> CrashAsync(TimeSpan? downFor, CancellationToken ct);

    /// <summary>The heads and checkpoint statuses this process saw in the events (<c>/api/tree</c>); null: none kept.</summary>
    Telemetry.NodeBook? Book => null;

    /// <summary>The miners this process knows of, with their node and configured hashrate (<c>/api/miners</c>).</summary>
    ImmutableArray<KnownMiner> Miners => [];
}

/// <summary>A configured miner: its name, the node running it and its hashrate (hashes a second).</summary>
public sealed record KnownMiner(string Name, int Node, ulong Hashrate);

/// <summary>The cluster's members as one process sees them (live incarnations only: never a Removed one).</summary>
public interface IClusterView
{
    /// <summary>Every live member, this process's included, ascending by node id (members not yet greeted last, by address).</summary>
    ImmutableArray<MemberView> Members();
}

/// <summary>
/// One member: its node id, HTTP port and hosted validators once its <c>Hello</c> arrived (null/empty before), its
/// Akka address and member status (<c>Joining</c>, <c>Up</c>, <c>Leaving</c>, <c>Exiting</c>, <c>Unreachable</c>, ...).
/// </summary>
public sealed record MemberView(int? NodeId, string Address, int? HttpPort, string Status, ImmutableArray<string> Hosted,
    bool IsSelf);

/// <summary>A node's events as JSON objects, in the <c>events.jsonl</c> line format (docs/outputs.md).</summary>
public interface IEventFeed
{
    /// <summary>At least the last 1,000 events (every type, <c>block_imported</c> included), then each new one as it happens, until <paramref name="ct"/> is cancelled.</summary>
    IAsyncEnumerable<string> Subscribe(CancellationToken ct);
}
