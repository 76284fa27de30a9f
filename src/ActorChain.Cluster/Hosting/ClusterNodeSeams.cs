using ActorChain.Node.Storage;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;

namespace ActorChain.Cluster.Hosting;

/// <summary>
/// The three places where other parts plug into a <see cref="ClusterNode"/> (the lead connects them when merging):
/// the stores of a data dir, the event sink and its feed, and the HTTP endpoints.
/// </summary>
public sealed record ClusterNodeSeams
{
    /// <summary>
    /// STORES SEAM: opens the node's stores in <c>dataDir</c>, bound to the genesis digest (a
    /// <see cref="StoreException"/> refuses the dir: exit 2). Until <c>NodeStores.OpenDataDir</c> is merged: in memory.
    /// </summary>
    public Func<string, string, NodeStores> OpenStores { get; init; } = static (_, _) => NodeStores.InMemory();

    /// <summary>
    /// EVENTS SEAM: starts the node's event sink in the actor system (node id given) and returns it with its feed. Until
    /// the telemetry engineer's <c>EventHub</c> is merged: <see cref="StartLogSink"/>.
    /// </summary>
    public Func<ActorSystem, int, (IActorRef Sink, IEventFeed Feed)> Events { get; init; } = StartLogSink;

    /// <summary>
    /// HTTP SEAM: maps the node's HTTP API over its backend before the host starts (<c>/api/ping</c> is mapped
    /// already). Until the http engineer's endpoints are merged: nothing more.
    /// </summary>
    public Action<WebApplication, INodeBackend> MapHttp { get; init; } = static (_, _) => { };

    /// <summary>The default events seam: a <see cref="LogEventSink"/> at <c>/user/events</c>, with a feed that has nothing to replay.</summary>
    public static (IActorRef Sink, IEventFeed Feed) StartLogSink(ActorSystem system, int nodeId)
    {
        ArgumentNullException.ThrowIfNull(system);
        return (system.ActorOf(LogEventSink.Create(), "events"), new LogEventSink.NoFeed());
    }

    /// <summary>What <c>actorchain node</c> uses.</summary>
    public static ClusterNodeSeams Default { get; } = new();
}
