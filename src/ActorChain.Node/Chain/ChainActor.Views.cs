using System.Collections.Immutable;
using ActorChain.Core.Codec;
using Address = ActorChain.Core.Crypto.Address;
using ActorChain.Core.Pos.ForkChoice;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using Akka.Actor;

namespace ActorChain.Node.Chain;

/// <summary>
/// The chain's answers for views (the HTTP API's <c>/api/tree</c>, <c>/api/epochs</c>, <c>/api/miners</c>): read-only
/// snapshots, built in the actor, read outside it.
/// </summary>
public sealed partial class ChainActor
{
    /// <summary>How many epoch transitions the chain remembers for <see cref="GetEpochs"/>.</summary>
    public const int RememberedEpochs = 64;

    /// <summary>Reply with a <see cref="TreeView"/> of the last <paramref name="Epochs"/> epochs (PoW: the last <paramref name="Epochs"/>×32 heights).</summary>
    public sealed record GetTree(int Epochs, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>One PoW block of a <see cref="TreeView"/>.</summary>
    public sealed record PowTreeBlock(Hash32 Hash, Hash32 Parent, ulong Height, Address Miner, bool Canonical);

    /// <summary>
    /// The recent block tree: in PoS (<paramref name="Pos"/>) the fork-choice store's blocks since the first slot of the
    /// window, with the head's state (shared: read only); in PoW the block tree's blocks since the window's first height.
    /// </summary>
    public sealed record TreeView(bool Pos, ulong CurrentSlot, Hash32 Head, ulong HeadSlotOrHeight, Checkpoint? Justified,
        Checkpoint? Finalized, ImmutableArray<TreeBlock> Blocks, ImmutableArray<PowTreeBlock> PowBlocks, BeaconState? HeadState)
        : INoSerializationVerificationNeeded;

    /// <summary>Reply with the <see cref="EpochsView"/>.</summary>
    public sealed record GetEpochs(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The last <see cref="RememberedEpochs"/> epoch transitions this chain published, oldest first.</summary>
    public sealed record EpochsView(ImmutableArray<ChainEvent.EpochTransitioned> Epochs) : INoSerializationVerificationNeeded;

    /// <summary>Reply with a <see cref="MinersView"/>.</summary>
    public sealed record GetMiners(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The PoW blocks of one miner's address: all of them (forks included) and those on the canonical chain.</summary>
    public sealed record MinerBlocks(Address Miner, int Blocks, int Canonical);

    /// <summary>
    /// The PoW chain by miner, ascending by address: the canonical chain ends at the terminal block once merged. The merge:
    /// the height it is scheduled at (null: none), whether it happened, the terminal block.
    /// </summary>
    public sealed record MinersView(ulong PowHeight, ImmutableArray<MinerBlocks> Miners, ulong? MergeAtHeight, bool Merged,
        ulong? TerminalHeight, Hash32? TerminalHash) : INoSerializationVerificationNeeded;

    private readonly Queue<ChainEvent.EpochTransitioned> _recentEpochs = new();

    /// <summary>The view queries, answered in every behaviour.</summary>
    private void ReceiveViews()
    {
        Receive<GetTree>(OnGetTree);
        Receive<GetEpochs>(m => m.ReplyTo.Tell(new EpochsView([.. _recentEpochs])));
        Receive<GetMiners>(OnGetMiners);
    }

    /// <summary>Keeps the last <see cref="RememberedEpochs"/> epoch transitions published.</summary>
    private void RememberEpoch(ChainEvent e)
    {
        if (e is not ChainEvent.EpochTransitioned t)
            return;
        _recentEpochs.Enqueue(t);
        while (_recentEpochs.Count > RememberedEpochs)
            _recentEpochs.Dequeue();
    }

    private void OnGetTree(GetTree m)
    {
        var epochs = (ulong)Math.Clamp(m.Epochs, 1, RememberedEpochs);
        if (_merged is not null && _forkChoice is not null)
        {
            var epoch = _posConfig.EpochOf(_posSlot);
            var from = (epoch + 1 > epochs ? epoch + 1 - epochs : 0) * _posConfig.SlotsPerEpoch;
            m.ReplyTo.Tell(new TreeView(true, _posSlot, _posHead, HeadSlot(), _forkChoice.Justified, _forkChoice.Finalized,
                _forkChoice.BlocksSince(from, _posHead), [], _forkChoice.SharedState(_posHead)));
            return;
        }

        var head = _powTree.Head;
        var window = epochs * 32;
        var fromHeight = head.Height + 1 > window ? head.Height + 1 - window : 0;
        var blocks = _powTree.BlocksFrom(fromHeight)
            .Select(b => new PowTreeBlock(b.Hash, b.ParentHash, b.Height, b.Miner, _powTree.IsCanonical(b.Hash)));
        m.ReplyTo.Tell(new TreeView(false, 0, head.Hash, head.Height, null, null, [], [.. blocks], null));
    }

    private void OnGetMiners(GetMiners m)
    {
        var last = _terminal?.Height ?? _powTree.Head.Height;
        var all = new Dictionary<Address, (int Blocks, int Canonical)>(); // lookups; sorted below
        foreach (var b in _powTree.BlocksFrom(1))
        {
            var c = all.GetValueOrDefault(b.Miner);
            var canonical = b.Height <= last && _powTree.CanonicalAt(b.Height)?.Hash == b.Hash;
            all[b.Miner] = (c.Blocks + 1, c.Canonical + (canonical ? 1 : 0));
        }

        var rows = all.Select(kv => new MinerBlocks(kv.Key, kv.Value.Blocks, kv.Value.Canonical)).ToArray();
        Array.Sort(rows, (a, b) => a.Miner.CompareTo(b.Miner));
        m.ReplyTo.Tell(new MinersView(_powTree.Head.Height, [.. rows], _mergeAtHeight ?? _node.Settings.Consensus.MergeAtHeight,
            _merged is not null, _terminal?.Height, _terminal?.Hash));
    }
}
