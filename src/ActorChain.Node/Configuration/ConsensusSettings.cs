using ActorChain.Core.Pos;

namespace ActorChain.Node.Configuration;

/// <summary>
/// The PoS constants (CONSENSUS.md §1) and the merge: the PoW height of the terminal block, or null for none; and
/// MERGE_GENESIS_DELAY in ms (<c>merge.genesis-delay</c>), null for the §4 default.
/// </summary>
public sealed record ConsensusSettings(ConsensusConfig Config, ulong? MergeAtHeight, int MergeConfirmations = 2,
    ulong? MergeGenesisDelayMillis = null)
{
    /// <summary>The minimal preset, no merge.</summary>
    public static ConsensusSettings None { get; } = new(ConsensusConfig.Minimal, null);

    /// <summary>True when this chain merges into PoS at <see cref="MergeAtHeight"/>.</summary>
    public bool Merges => MergeAtHeight is not null;
}
