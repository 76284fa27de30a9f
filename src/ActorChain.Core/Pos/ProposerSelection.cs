namespace ActorChain.Core.Pos;

/// <summary>How a slot's proposer is drawn (CONSENSUS.md §1 "proposer selection", §5.1).</summary>
public enum ProposerSelection
{
    /// <summary>Ethereum's shuffled candidates with the 16-bit acceptance test.</summary>
    Ethereum,

    /// <summary>The tutorial's stake roulette.</summary>
    Roulette,
}
