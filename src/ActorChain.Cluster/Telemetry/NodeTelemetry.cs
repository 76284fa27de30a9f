using ActorChain.Cluster.Hosting;
using ActorChain.Node.Configuration;
using Akka.Actor;

namespace ActorChain.Cluster.Telemetry;

/// <summary>
/// A cluster node's telemetry, built in two steps: <see cref="Start"/> before the node (its <see cref="Hub"/> is the
/// <c>NodeContext.Events</c> of the node's actors), then <see cref="StartPolling"/> once the guardian exists. The
/// <see cref="Events"/> and <see cref="Metrics"/> are what <see cref="INodeBackend"/> hands the HTTP API.
/// </summary>
public sealed class NodeTelemetry
{
    private readonly ActorSystem _system;

    private NodeTelemetry(ActorSystem system, EventFeed events, NodeMetrics metrics, NodeBook book, IActorRef hub)
    {
        _system = system;
        Book = book;
        Events = events;
        Metrics = metrics;
        Hub = hub;
    }

    /// <summary>The replay ring and live subscribers (<see cref="INodeBackend.Events"/>).</summary>
    public EventFeed Events { get; }

    /// <summary>The heads and checkpoint statuses seen in the node's events (<see cref="INodeBackend.Book"/>).</summary>
    public NodeBook Book { get; }

    /// <summary>The node's metrics; <c>Metrics.Registry</c> is <see cref="INodeBackend.Metrics"/>.</summary>
    public NodeMetrics Metrics { get; }

    /// <summary>The <see cref="EventHub"/> actor: pass it as <c>NodeContext.Events</c>.</summary>
    public IActorRef Hub { get; }

    /// <summary>
    /// Starts the event hub of node <paramref name="nodeId"/> as <c>/user/{hubName}</c>, with a fresh registry;
    /// <paramref name="logEvents"/>: one log line per event.
    /// </summary>
    public static NodeTelemetry Start(ActorSystem system, int nodeId, ChainSettings settings, bool logEvents = true,
        string hubName = "events")
    {
        ArgumentNullException.ThrowIfNull(system);
        var feed = new EventFeed(nodeId);
        var metrics = new NodeMetrics(nodeId, settings);
        var book = new NodeBook();
        var hub = system.ActorOf(EventHub.Create(feed, [metrics, book], logEvents), hubName);
        return new NodeTelemetry(system, feed, metrics, book, hub);
    }

    /// <summary>
    /// Starts polling the node once a second as <c>/user/{name}</c>: <paramref name="guardian"/> returns the node's
    /// guardian now (null while there is none; a new one after a restart in place is picked up), <paramref name="cluster"/>
    /// its members (null: no <c>actorchain_cluster_members</c>).
    /// </summary>
    public IActorRef StartPolling(Func<IActorRef?> guardian, IClusterView? cluster, string name = "metrics") =>
        _system.ActorOf(NodeMetricsPoller.Create(Metrics, guardian, cluster), name);
}
