using System.Collections.Immutable;
using ActorChain.Core.Pos.Model;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;

namespace ActorChain.Node;

/// <summary>
/// What a <see cref="NodeGuardian"/> counts and last heard for its <see cref="NodeStatus"/>, and the status built once
/// the mempool has said its size. A plain helper the guardian owns; it runs only on the guardian's turn.
/// </summary>
internal sealed class StatusBoard(NodeContext node)
{
    private ChainEvent.PosHeadChanged? _posHead;

    /// <summary>Blocks imported (PoW and beacon).</summary>
    public long Blocks { get; private set; }

    /// <summary>Reorgs, PoW and PoS.</summary>
    public long Reorgs { get; private set; }

    /// <summary>Malformed or unknown messages from peers, dropped.</summary>
    public long Malformed { get; private set; }

    /// <summary>Counts an imported block.</summary>
    public void BlockImported() => Blocks++;

    /// <summary>Counts a reorg.</summary>
    public void Reorged() => Reorgs++;

    /// <summary>Counts a malformed message.</summary>
    public void MalformedMessage() => Malformed++;

    /// <summary>Remembers the PoS head; counts the reorg when it moved to another branch.</summary>
    public void PosHeadChanged(ChainEvent.PosHeadChanged h)
    {
        _posHead = h;
        if (h.ReorgDepth > 0) Reorgs++;
    }

    /// <summary>The status: the PoS head once there is one, else the PoW <paramref name="head"/> (null: the genesis block).</summary>
    public NodeStatus Status(ChainEvent.HeadChanged? head, ImmutableArray<int> peers, int mempool)
    {
        var h = head?.Head ?? node.Settings.GenesisBlock();
        var td = head is null ? "0" : head.TotalDifficulty.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (_posHead is not { } pos)
            return new NodeStatus(node.NodeId, h.Height, h.Hash.ToString(), td, peers, mempool, Reorgs, Blocks, Malformed,
                null, null, null);
        return new NodeStatus(node.NodeId, pos.Slot, pos.Root.ToString(), td, peers, mempool, Reorgs, Blocks, Malformed,
            pos.Slot, View(pos.Justified), View(pos.Finalized));
    }

    private static NodeStatus.CheckpointView View(Checkpoint c) => new(c.Epoch, c.Root.ToString());
}
