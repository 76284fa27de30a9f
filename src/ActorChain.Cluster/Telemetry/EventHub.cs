using System.Collections.Immutable;
using ActorChain.Node.Events;
using ActorChain.Simulation.Outputs;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Cluster.Telemetry;

/// <summary>
/// A cluster node's event sink (<c>NodeContext.Events</c>): formats each <see cref="NodeEvent"/> as its events.jsonl
/// line, writes it to the process log (one line, <c>event {...}</c>, at info), keeps it in the <see cref="EventFeed"/>
/// (replay ring + live subscribers, read by the HTTP API) and hands the event to its sinks (the node's
/// <see cref="NodeMetrics"/>). It outlives the node's actors (a crashed node's new actors tell the same hub) and never
/// blocks: the feed drops a subscriber rather than wait for it.
/// </summary>
public sealed class EventHub : ReceiveActor
{
    private readonly EventFeed _feed;
    private readonly ImmutableArray<IEventSink> _sinks;
    private readonly bool _logEvents;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>The props of the hub of <paramref name="feed"/>'s node, feeding <paramref name="sinks"/> too; <paramref name="logEvents"/>: one log line per event.</summary>
    public static Props Create(EventFeed feed, IEnumerable<IEventSink> sinks, bool logEvents = true)
    {
        ImmutableArray<IEventSink> copy = [.. sinks];
        return Props.Create(() => new EventHub(feed, copy, logEvents));
    }

    /// <summary>Use <see cref="Create"/>: Akka builds it (its constructor must be public).</summary>
    public EventHub(EventFeed feed, ImmutableArray<IEventSink> sinks, bool logEvents)
    {
        _feed = feed;
        _sinks = sinks;
        _logEvents = logEvents;
        Receive<NodeEvent>(OnEvent);
    }

    private void OnEvent(NodeEvent e)
    {
        var line = _feed.Append(e);
        if (_logEvents)
            _log.Info("event {0}", line);
        foreach (var sink in _sinks)
        {
            try
            {
                sink.Accept(e);
            }
#pragma warning disable CA1031 // A sink failing on one event must not silence the feed, nor every later event (as EventLog).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _log.Error(ex, "event sink {0} failed on {1} of node {2}", sink.GetType().Name, e.Type, e.Node);
            }
        }
    }
}
