using System.Collections.Immutable;
using Akka.Actor;

namespace ActorChain.Node.Chain;

/// <summary>
/// Who listens to a <see cref="ChainActor"/> and for which kinds of event. Owned by the chain actor (it survives the
/// merge's behaviour swap). Each event reaches only the subscribers that asked for its kind, in subscription order: in
/// a PoS network most events are attestations, which most subscribers do not need.
/// </summary>
public sealed class Subscribers
{
    private readonly List<(IActorRef Subscriber, ImmutableHashSet<ChainEventKind> Kinds)> _subscriptions = [];

    /// <summary>Sends <paramref name="subscriber"/> every later event whose kind is in <paramref name="kinds"/>.</summary>
    public void Add(IActorRef subscriber, ImmutableHashSet<ChainEventKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        _subscriptions.Add((subscriber, kinds ?? []));
    }

    /// <summary>Tells <paramref name="e"/> to the subscribers of its kind, in subscription order.</summary>
    public void Publish(ChainEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var kind = e.Kind;
        foreach (var (subscriber, kinds) in _subscriptions)
        {
            if (kinds.Contains(kind))
            {
                subscriber.Tell(e, ActorRefs.NoSender);
            }
        }
    }
}
