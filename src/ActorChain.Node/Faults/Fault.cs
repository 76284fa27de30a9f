using System.Collections.Immutable;
using ActorChain.Node.Network;

namespace ActorChain.Node.Faults;

/// <summary>
/// One fault (ARCHITECTURE.md, "Faults"), whichever way it is injected: from a scenario file, at runtime, or from the
/// TestKit. <see cref="Kind"/> is the scenario file's name for it.
/// </summary>
public abstract record Fault
{
    /// <summary>The kind as scenario files name it: <c>double-vote</c>, <c>partition</c>, …</summary>
    public abstract string Kind { get; }

    /// <summary>One line for events and replies, e.g. <c>double-vote v3</c>.</summary>
    public abstract string Describe();

    /// <summary>Skips every duty.</summary>
    public sealed record Offline(string Validator) : ValidatorFault
    {
        /// <inheritdoc />
        public override string Kind => "offline";
    }

    /// <summary>Signs a second vote for the same target (CONSENSUS.md §6).</summary>
    public sealed record DoubleVote(string Validator) : ValidatorFault
    {
        /// <inheritdoc />
        public override string Kind => "double-vote";
    }

    /// <summary>Signs a vote that surrounds, or sits inside, one it signed before (CONSENSUS.md §6).</summary>
    public sealed record SurroundVote(string Validator) : ValidatorFault
    {
        /// <inheritdoc />
        public override string Kind => "surround-vote";
    }

    /// <summary>Signs two blocks for its proposal slot.</summary>
    public sealed record DoubleProposal(string Validator) : ValidatorFault
    {
        /// <inheritdoc />
        public override string Kind => "double-proposal";
    }

    /// <summary>Holds its blocks and votes back by <paramref name="DelayMillis"/>.</summary>
    public sealed record Late(string Validator, long DelayMillis) : ValidatorFault
    {
        /// <inheritdoc />
        public override string Kind => "late";

        /// <inheritdoc />
        public override string Describe() => $"late {Validator} by {DelayMillis} ms";
    }

    /// <summary>Stops the node's whole actor tree; clearing it restarts the node from its stores.</summary>
    public sealed record Crash(int Node) : NodeFault
    {
        /// <inheritdoc />
        public override string Kind => "crash";

        /// <inheritdoc />
        public override string Describe() => $"crash node {Node}";
    }

    /// <summary>Withholds the node's mined blocks and publishes them at <paramref name="Release"/> (or when cleared).</summary>
    public sealed record PrivateChain(int Node, ReleaseAt? Release) : PowFault
    {
        /// <inheritdoc />
        public override string Kind => "private-chain";

        /// <inheritdoc />
        public override string Describe() =>
            $"private-chain on node {Node}" + (Release is null ? ", released when cleared" : $", released at {Release}");
    }

    /// <summary>Selfish mining after Eyal and Sirer.</summary>
    public sealed record SelfishMining(int Node) : PowFault
    {
        /// <inheritdoc />
        public override string Kind => "selfish-mining";

        /// <inheritdoc />
        public override string Describe() => $"selfish-mining on node {Node}";
    }

    /// <summary>A fault of every link: latency, loss, or a heal of every partition.</summary>
    public sealed record Link(LinkFault Fault) : Fault
    {
        /// <inheritdoc />
        public override string Kind => Fault switch
        {
            LinkFault.Latency => "latency",
            LinkFault.Loss => "loss",
            LinkFault.Partition => "partition",
            LinkFault.Heal => "heal",
            _ => "clear",
        };

        /// <inheritdoc />
        public override string Describe() => Fault switch
        {
            LinkFault.Latency l => $"latency {l.MeanMillis} ± {l.JitterMillis} ms",
            LinkFault.Loss l => $"loss {l.Probability.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            _ => Kind,
        };
    }

    /// <summary>Cuts every link between nodes of different groups.</summary>
    public sealed record Partition(ImmutableArray<ImmutableArray<int>> Groups) : Fault
    {
        /// <inheritdoc />
        public override string Kind => "partition";

        /// <inheritdoc />
        public override string Describe() => "partition " + string.Join(" / ", Groups.Select(g => "[" + string.Join(", ", g) + "]"));

        /// <summary>The group of <paramref name="node"/>, or -1 when it is in none.</summary>
        public int GroupOf(int node)
        {
            for (var g = 0; g < Groups.Length; g++)
                if (Groups[g].Contains(node)) return g;
            return -1;
        }

        /// <summary>Value equality over the groups' contents.</summary>
        public bool Equals(Partition? other) =>
            other is not null && Groups.Length == other.Groups.Length
            && Groups.Zip(other.Groups).All(p => p.First.SequenceEqual(p.Second));

        /// <inheritdoc />
        public override int GetHashCode() => Groups.Aggregate(17, (h, g) => g.Aggregate(h * 31 + g.Length, (x, n) => x * 31 + n));
    }

    /// <summary>When a private chain is published: at a height of the honest chain, or a second after genesis.</summary>
    public sealed record ReleaseAt(ReleaseUnit Unit, ulong Value)
    {
        /// <inheritdoc />
        public override string ToString() => $"{(Unit == ReleaseUnit.Height ? "height" : "second")} {Value}";
    }

    /// <summary>The unit of <see cref="ReleaseAt"/>.</summary>
    public enum ReleaseUnit
    {
        /// <summary>A height of the honest chain.</summary>
        Height,

        /// <summary>Seconds after genesis.</summary>
        Second,
    }
}

/// <summary>A fault of one validator, swapped into its <c>ValidatorActor</c>.</summary>
public abstract record ValidatorFault : Fault
{
    /// <summary>The validator's name.</summary>
    public abstract string Validator { get; init; }

    /// <inheritdoc />
    public override string Describe() => $"{Kind} {Validator}";
}

/// <summary>A fault of one node.</summary>
public abstract record NodeFault : Fault
{
    /// <summary>The node's index.</summary>
    public abstract int Node { get; init; }
}

/// <summary>A miner fault of one node (PoW only).</summary>
public abstract record PowFault : NodeFault;
