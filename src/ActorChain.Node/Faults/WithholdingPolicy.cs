using System.Collections.Immutable;
using ActorChain.Core.Pow;

namespace ActorChain.Node.Faults;

/// <summary>
/// When a withholding node publishes the blocks its miners found (ARCHITECTURE.md, "Faults", miner faults). The node
/// imports each of its blocks into its own tree at once, so its miners build on it; the policy decides when peers see
/// it. Plain state, driven by the <c>WithholdingActor</c>; heights stand for work (blocks of one retarget period weigh
/// the same).
/// </summary>
public abstract class WithholdingPolicy
{
    /// <summary>Blocks to publish now, oldest first, and why; empty when nothing is published.</summary>
    public sealed record Publication(ImmutableArray<PowBlock> Blocks, string Reason)
    {
        /// <summary>Nothing to publish.</summary>
        public static Publication None { get; } = new([], "");

        /// <summary>True when nothing is published.</summary>
        public bool IsEmpty => Blocks.IsEmpty;
    }

    /// <summary>Mined here and not yet published, oldest first.</summary>
    private protected Queue<PowBlock> Withheld { get; } = new();

    private WithholdingPolicy()
    {
    }

    /// <summary>How many blocks are withheld now.</summary>
    public int WithheldCount => Withheld.Count;

    /// <summary>Whether the policy has published for good: the node mines honestly from now on.</summary>
    public virtual bool Finished => false;

    /// <summary>The policy of <paramref name="fault"/>, starting on a head at <paramref name="headHeight"/>.</summary>
    public static WithholdingPolicy Of(PowFault fault, ulong headHeight) => fault switch
    {
        Fault.PrivateChain p => new PrivateChain(p.Release),
        Fault.SelfishMining => new SelfishMining(headHeight),
        _ => throw new ArgumentException("no withholding policy for " + fault, nameof(fault)),
    };

    /// <summary>This node mined <paramref name="block"/> (already in its own tree).</summary>
    public abstract Publication OnOwnBlock(PowBlock block);

    /// <summary>A peer's block joined this node's tree at <paramref name="height"/>.</summary>
    public virtual Publication OnForeignBlock(ulong height) => Publication.None;

    /// <summary>The node's head moved to <paramref name="height"/>.</summary>
    public virtual Publication OnHead(ulong height) => Publication.None;

    /// <summary>Everything still withheld (the fault ends).</summary>
    public virtual Publication ReleaseAll(string reason) => Publish(Withheld.Count, reason);

    /// <summary>The oldest <paramref name="count"/> withheld blocks, for <paramref name="reason"/>.</summary>
    private protected Publication Publish(int count, string reason)
    {
        if (count <= 0) return Publication.None;
        var published = ImmutableArray.CreateBuilder<PowBlock>(count);
        for (var i = 0; i < count; i++) published.Add(Withheld.Dequeue());
        return new Publication(published.MoveToImmutable(), reason);
    }

    /// <summary>Withholds every block until its release (a head height; a time is the actor's timer), then publishes all.</summary>
    public sealed class PrivateChain : WithholdingPolicy
    {
        private readonly Fault.ReleaseAt? _release;
        private bool _released;

        /// <summary>A private chain released at <paramref name="release"/> (null: when cleared).</summary>
        public PrivateChain(Fault.ReleaseAt? release) => _release = release;

        /// <inheritdoc />
        public override bool Finished => _released;

        /// <inheritdoc />
        public override Publication OnOwnBlock(PowBlock block)
        {
            Withheld.Enqueue(block);
            return Publication.None;
        }

        /// <inheritdoc />
        public override Publication OnHead(ulong height) =>
            !_released && _release is { Unit: Fault.ReleaseUnit.Height } r && height >= r.Value
                ? ReleaseAll("release at " + r)
                : Publication.None;

        /// <inheritdoc />
        public override Publication ReleaseAll(string reason)
        {
            _released = true;
            return base.ReleaseAll(reason);
        }
    }

    /// <summary>
    /// Eyal and Sirer's selfish mining ("Majority is not enough", Algorithm 1). With a lead of one, a block of the others
    /// makes it publish its block and race; with a lead of two, it publishes its branch and wins; with a longer lead, it
    /// publishes the block at the others' height. Winning a race, it publishes at once; falling behind, it adopts theirs.
    /// </summary>
    public sealed class SelfishMining : WithholdingPolicy
    {
        private long _privateHeight;
        private long _publicHeight;
        private bool _racing;

        /// <summary>Selfish mining from a head at <paramref name="headHeight"/>.</summary>
        public SelfishMining(ulong headHeight)
        {
            _privateHeight = (long)headHeight;
            _publicHeight = (long)headHeight;
        }

        /// <inheritdoc />
        public override Publication OnOwnBlock(PowBlock block)
        {
            var lead = _privateHeight - _publicHeight;
            _privateHeight = (long)block.Height;
            Withheld.Enqueue(block);
            if (_racing && lead == 0)
            {
                _racing = false;
                _publicHeight = _privateHeight;
                return ReleaseAll("won the race");
            }

            return Publication.None;
        }

        /// <inheritdoc />
        public override Publication OnForeignBlock(ulong height)
        {
            var h = (long)height;
            if (h <= _publicHeight) return Publication.None;
            _publicHeight = h;
            var lead = _privateHeight - h;
            if (lead < 0)
            {
                Withheld.Clear(); // behind: adopt the others' chain
                _racing = false;
                _privateHeight = h;
                return Publication.None;
            }

            if (lead == 0)
            {
                _racing = Withheld.Count > 0;
                return ReleaseAll("race");
            }

            if (lead == 1)
            {
                _racing = false;
                _publicHeight = _privateHeight;
                return ReleaseAll("lead of two");
            }

            var upTo = 0;
            foreach (var b in Withheld)
            {
                if ((long)b.Height <= h) upTo++;
            }

            return Publish(upTo, "match");
        }
    }
}
