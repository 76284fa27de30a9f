using ActorChain.Core.Codec;

namespace ActorChain.Core.Pow;

/// <summary>
/// A head change that abandons blocks of the old canonical chain (CONSENSUS.md §3). The abandoned blocks stay in the
/// tree: <c>tree.Ancestors(OldHead, Depth)</c> lists them, for example to return their transactions to the mempool.
/// <see cref="Depth"/> is the number of blocks removed from the old canonical chain (<c>OldHeight − ancestor's height</c>).
/// </summary>
public sealed record Reorg(Hash32 OldHead, Hash32 NewHead, Hash32 CommonAncestor, int Depth, ulong OldHeight, ulong NewHeight);
