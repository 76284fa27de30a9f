using System.Collections.Immutable;
using ActorChain.Cluster.Hosting;
using ActorChain.Node.Faults;

namespace ActorChain.Cluster.Http;

/// <summary>
/// The nodes one HTTP host serves, chosen by <c>?node=N</c>: one in a cluster process (<see cref="SingleNode"/>),
/// every embedded node in <c>run</c>. In <c>run</c> the other nodes are reached in process, never over HTTP.
/// </summary>
public interface INodeDirectory
{
    /// <summary>The node answered when no <c>?node=</c> is given.</summary>
    int DefaultNode { get; }

    /// <summary>Every node served here, ascending.</summary>
    ImmutableArray<int> Nodes { get; }

    /// <summary>
    /// Node <paramref name="node"/> (one of <see cref="Nodes"/>) with its guardian now, or null while it is down (crashed,
    /// or not started yet). Refreshes what <see cref="Local"/> answers.
    /// </summary>
    ValueTask<INodeBackend?> FindAsync(int node, CancellationToken ct);

    /// <summary>Node <paramref name="node"/> as the last <see cref="FindAsync"/> saw it, if it is served in this process and up; else null (ask it over HTTP).</summary>
    INodeBackend? Local(int node);

    /// <summary>Node <paramref name="node"/>'s events (served here even while it is down).</summary>
    IEventFeed EventsOf(int node);

    /// <summary>Every node's events in one stream (<c>run</c>), or null (a cluster process: its node's own).</summary>
    IEventFeed? AllEvents { get; }

    /// <summary>Injects and clears the faults of the whole network (partitions, link faults) in one place (<c>run</c>), or null (a cluster: each node applies them).</summary>
    INetworkFaults? Network { get; }

    /// <summary>The one line of a 404 for a node that is not served here.</summary>
    string Unknown(int node);
}

/// <summary>The network-wide faults of an embedded network: applied once, for every node.</summary>
public interface INetworkFaults
{
    /// <summary>Injects (<paramref name="inject"/>) or clears <paramref name="fault"/>; cleared by itself after <paramref name="untilMillis"/> ms when given. Returns whether it was taken, and one line.</summary>
    Task<(bool Accepted, string Detail)> ApplyAsync(Fault fault, bool inject, long? untilMillis, CancellationToken ct);
}

/// <summary>The one node of a cluster process: <c>?node=</c> may only name it.</summary>
public sealed class SingleNode(INodeBackend backend) : INodeDirectory
{
    /// <inheritdoc />
    public int DefaultNode => backend.NodeId;

    /// <inheritdoc />
    public ImmutableArray<int> Nodes => [backend.NodeId];

    /// <inheritdoc />
    public ValueTask<INodeBackend?> FindAsync(int node, CancellationToken ct) =>
        ValueTask.FromResult<INodeBackend?>(node == backend.NodeId ? backend : null);

    /// <inheritdoc />
    public INodeBackend? Local(int node) => node == backend.NodeId ? backend : null;

    /// <inheritdoc />
    public IEventFeed EventsOf(int node) => backend.Events;

    /// <inheritdoc />
    public IEventFeed? AllEvents => null;

    /// <inheritdoc />
    public INetworkFaults? Network => null;

    /// <inheritdoc />
    public string Unknown(int node) =>
        $"node {node} is not served here: this is node {backend.NodeId}'s API; each node serves its own (see /api/status?cluster=true for their httpPort)";
}
