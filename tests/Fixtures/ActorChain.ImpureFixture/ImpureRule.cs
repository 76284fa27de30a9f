using Akka.Actor;

namespace ActorChain.ImpureFixture;

/// <summary>A "rule" that talks to an actor: exactly what ActorChain.Core must never contain.</summary>
public static class ImpureRule
{
    /// <summary>Sends a verdict to an actor instead of returning it.</summary>
    public static void Decide(IActorRef target, bool valid) => target.Tell(valid);
}
