using Akka.Actor;

namespace ActorChain.Node;

/// <summary>
/// A one-off child that stands in for <c>Ask</c> (which breaks virtual time): pass it as a <c>ReplyTo</c>; it tells
/// <c>target</c> the first reply it gets, wrapped, or the wrap of null after the timeout, and stops.
/// </summary>
public sealed class ReplyRelay : ReceiveActor, IWithTimers
{
    private sealed record TimedOut : INoSerializationVerificationNeeded
    {
        public static TimedOut Instance { get; } = new();
    }

    /// <summary>A relay to <paramref name="target"/>: <paramref name="wrap"/> turns the reply (null: none in time) into the message it gets.</summary>
    public static Props Create(IActorRef target, Func<object?, object> wrap, TimeSpan timeout) =>
        Props.Create(() => new ReplyRelay(target, wrap, timeout));

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Use <see cref="Create"/>: Akka builds it (its constructor must be public).</summary>
    public ReplyRelay(IActorRef target, Func<object?, object> wrap, TimeSpan timeout)
    {
        Timers.StartSingleTimer("timeout", TimedOut.Instance, timeout);
        ReceiveAny(m =>
        {
            target.Tell(wrap(m is TimedOut ? null : m));
            Context.Stop(Self);
        });
    }
}
