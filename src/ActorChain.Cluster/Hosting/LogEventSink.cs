using System.Runtime.CompilerServices;
using ActorChain.Node.Events;
using ActorChain.Simulation.Outputs;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Cluster.Hosting;

/// <summary>
/// The stand-in event sink of a cluster node until the telemetry engineer's <c>EventHub</c> is wired in
/// (<see cref="ClusterNodeSeams.Events"/>): it logs each <see cref="NodeEvent"/> as one line (its events.jsonl form)
/// and offers no replay.
/// </summary>
public sealed class LogEventSink : ReceiveActor
{
    /// <summary>The sink's props.</summary>
    public static Props Create() => Props.Create(() => new LogEventSink());

    /// <summary>Use <see cref="Create"/>: Akka builds it (its constructor must be public).</summary>
    public LogEventSink()
    {
        var log = Context.GetLogger();
        Receive<NodeEvent>(e => log.Info("event {0}", Json.EventLine(e)));
    }

    /// <summary>A feed that stays silent until cancelled.</summary>
    internal sealed class NoFeed : IEventFeed
    {
        public async IAsyncEnumerable<string> Subscribe([EnumeratorCancellation] CancellationToken ct)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // the subscriber left
            }

            yield break;
        }
    }
}
