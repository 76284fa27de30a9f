using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.Simulation.Running;

/// <summary>
/// Asks an actor from outside the run, in virtual time: a throwaway collector actor takes the reply, the conductor
/// drains (the answer comes without moving virtual time), and the reply is read on the conductor's thread.
/// </summary>
public static class Replies
{
    private static long _next;

    /// <summary>
    /// Sends <paramref name="message"/>(replyTo) to <paramref name="target"/> and returns its reply, which must be exactly
    /// one message, of type <typeparamref name="T"/> (<see cref="InvalidOperationException"/> otherwise).
    /// </summary>
    public static T Ask<T>(Conductor conductor, IActorRef target, Func<IActorRef, object> message)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(conductor);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var replies = new List<object>();
        var collector = conductor.ActorOf(Props.Create(() => new Collector(replies)), "reply-" + Interlocked.Increment(ref _next));
        target.Tell(message(collector));
        conductor.Drain();
        collector.Tell(PoisonPill.Instance); // stops on the conductor's thread (ActorSystem.Stop would go through the user guardian, on the pool)
        conductor.Drain();
        return replies is [T reply] ? reply : throw new InvalidOperationException(
            $"{target.Path} should answer with one {typeof(T).Name}; it answered {replies.Count} message(s): {string.Join(", ", replies.Select(r => r.GetType().Name))}");
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(List<object> replies) => ReceiveAny(replies.Add);
    }
}
