using ActorChain.Core.Pos;

namespace ActorChain.Node.Configuration;

/// <summary>The PoS constants (CONSENSUS.md §1) and the merge: the PoW height of the terminal block, or null for none.</summary>
public sealed record ConsensusSettings(ConsensusConfig Config, ulong? MergeAtHeight, int MergeConfirmations = 2)
{
    /// <summary>The minimal preset, no merge.</summary>
    public static ConsensusSettings None { get; } = new(ConsensusConfig.Minimal, null);

    /// <summary>True when this chain merges into PoS at <see cref="MergeAtHeight"/>.</summary>
    public bool Merges => MergeAtHeight is not null;
}
