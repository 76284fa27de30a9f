using System.Collections.Immutable;
using ActorChain.Node.Chain;

namespace ActorChain.TestKit;

/// <summary>Chain events as a watcher saw them: each with the virtual time it arrived.</summary>
public sealed class ChainEvents
{
    private readonly List<Seen> _seen = [];

    /// <summary>One event and when it arrived, in virtual milliseconds.</summary>
    public sealed record Seen(long AtMillis, ChainEvent Event);

    /// <summary>One gossiped vote a node imported, and when its message arrived, in virtual milliseconds.</summary>
    public sealed record Vote(long AtMillis, AttestationImported Imported);

    internal void Add(long atMillis, ChainEvent e) => _seen.Add(new Seen(atMillis, e));

    /// <summary>Everything seen so far, in arrival order.</summary>
    public ImmutableArray<Seen> All => [.. _seen];

    /// <summary>The attestations by validator <paramref name="index"/> that this node imported from gossip, with when they arrived.</summary>
    public ImmutableArray<Vote> AttestationsOf(ulong index) =>
    [
        .. _seen.SelectMany(s => s.Event is ChainEvent.AttestationsImported batch
            ? batch.Attestations.Where(a => a.Attestation.ValidatorIndex == index).Select(a => new Vote(s.AtMillis, a))
            : []),
    ];

    /// <summary>The events of type <typeparamref name="TEvent"/> (a subscriber first gets the current head, and the merge, whatever it asked).</summary>
    public ImmutableArray<TEvent> Of<TEvent>() where TEvent : ChainEvent => [.. _seen.Select(s => s.Event).OfType<TEvent>()];
}
