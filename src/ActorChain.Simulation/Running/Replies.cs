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

    /// <summary>Sends <paramref name="message"/>(replyTo) to <paramref name="target"/> and returns the reply of type <typeparamref name="T"/>.</summary>
    public static T Ask<T>(Conductor conductor, IActorRef target, Func<IActorRef, object> message)
        where T : class
    {
        var box = new Box();
        var collector = conductor.ActorOf(Props.Create(() => new Collector(box)), "reply-" + Interlocked.Increment(ref _next));
        target.Tell(message(collector));
        conductor.Drain();
        collector.Tell(PoisonPill.Instance);
        conductor.Drain();
        return box.Value as T ?? throw new InvalidOperationException(
            $"{target.Path} did not answer with a {typeof(T).Name} (got {box.Value?.GetType().Name ?? "nothing"})");
    }

    private sealed class Box
    {
        public object? Value { get; set; }
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(Box box) => ReceiveAny(m => box.Value ??= m);
    }
}
