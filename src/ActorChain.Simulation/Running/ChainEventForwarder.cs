using ActorChain.Node.Chain;
using Akka.Actor;

namespace ActorChain.Simulation.Running;

/// <summary>Subscribed to one node's chain: hands each <see cref="ChainEvent"/> to a recorder, with the node's id, on the run's thread.</summary>
public sealed class ChainEventForwarder : ReceiveActor
{
    /// <summary>Forwards node <paramref name="node"/>'s chain events to <paramref name="onEvent"/>.</summary>
    public ChainEventForwarder(int node, Action<int, ChainEvent> onEvent) => Receive<ChainEvent>(e => onEvent(node, e));

    /// <summary>The props of a forwarder for node <paramref name="node"/>.</summary>
    public static Props Create(int node, Action<int, ChainEvent> onEvent) => Props.Create(() => new ChainEventForwarder(node, onEvent));
}
