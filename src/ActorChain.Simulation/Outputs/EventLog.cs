using System.Collections.Immutable;
using ActorChain.Node.Events;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Simulation.Outputs;

/// <summary>
/// The one actor every node emits its <see cref="NodeEvent"/>s to: hands each to its sinks (events.jsonl, the
/// recorders, the fault outcomes…) in arrival order, which in virtual time is virtual-time order.
/// </summary>
public sealed class EventLog : ReceiveActor
{
    private readonly ImmutableArray<IEventSink> _sinks;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>A log feeding <paramref name="sinks"/>, in that order.</summary>
    public EventLog(IEnumerable<IEventSink> sinks)
    {
        _sinks = [.. sinks];
        Receive<NodeEvent>(OnEvent);
    }

    /// <summary>The props of a log feeding <paramref name="sinks"/>, in that order.</summary>
    public static Props Create(IEnumerable<IEventSink> sinks)
    {
        ImmutableArray<IEventSink> copy = [.. sinks];
        return Props.Create(() => new EventLog(copy));
    }

    private void OnEvent(NodeEvent e)
    {
        foreach (var sink in _sinks)
        {
            try
            {
                sink.Accept(e);
            }
#pragma warning disable CA1031 // One sink failing must not silence the others, nor every event after this one (as Java).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _log.Error(ex, "event sink {0} failed on {1} of node {2}", sink.GetType().Name, e.Type, e.Node);
            }
        }
    }
}
