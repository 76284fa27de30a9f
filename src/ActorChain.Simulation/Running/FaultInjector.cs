using ActorChain.Node.Events;
using ActorChain.Node.Time;
using ActorChain.Simulation.Scenarios;
using Akka.Actor;

namespace ActorChain.Simulation.Running;

/// <summary>
/// Injects a scenario's faults into an embedded network at their <c>at</c> and clears them at their <c>until</c>, and
/// logs both (<c>fault_injected</c>, <c>fault_cleared</c>); one place for PoW and PoS runs. The network routes each
/// fault to the actors concerned (and logs a <c>fault_rejected</c> event if a node refuses one).
/// </summary>
public sealed class FaultInjector(IActorRef network, IActorRef log, IClock clock)
{
    /// <summary>Logs and injects every fault of <paramref name="f"/>.</summary>
    public void Inject(FaultSpec f)
    {
        log.Tell(NodeEvent.Of(clock.NowMillis, -1, "fault_injected", "kind", f.Kind, "spec", f.Description));
        foreach (var fault in f.Faults)
            network.Tell(new EmbeddedNetwork.InjectFault(fault, ActorRefs.Nobody));
    }

    /// <summary>Ends this fault only: a partition's end does not undo a latency fault, and so on. A heal has nothing to undo.</summary>
    public void Clear(FaultSpec f)
    {
        if (f.Kind == "heal") return;
        log.Tell(NodeEvent.Of(clock.NowMillis, -1, "fault_cleared", "kind", f.Kind, "spec", f.Description));
        foreach (var fault in f.Faults)
            network.Tell(new EmbeddedNetwork.ClearFault(fault, ActorRefs.Nobody));
    }
}
