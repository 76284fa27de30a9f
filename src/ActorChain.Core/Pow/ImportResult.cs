using ActorChain.Core.Codec;

namespace ActorChain.Core.Pow;

/// <summary>What <see cref="BlockTree.ImportBlock"/> did with a block.</summary>
public abstract record ImportResult
{
    private ImportResult()
    {
    }

    /// <summary>Stored; <see cref="HeadChanged"/> if it is the new head, with <see cref="Reorg"/> if old canonical blocks were abandoned.</summary>
    public sealed record Imported(PowBlock Block, bool HeadChanged, Reorg? Reorg) : ImportResult;

    /// <summary>Invalid, for the reason given; not stored.</summary>
    public sealed record Invalid(BlockRejection Rejection) : ImportResult;

    /// <summary>The parent is unknown: fetch it, then import this block again.</summary>
    public sealed record MissingParent(Hash32 ParentHash) : ImportResult;

    /// <summary>Already stored.</summary>
    public sealed record Duplicate : ImportResult;
}
