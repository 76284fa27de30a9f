using System.Collections.Immutable;
using ActorChain.Core.Pos.Model;
using ActorChain.Node.Chain;
using ActorChain.Node.Configuration;
using ActorChain.Node.Storage;

namespace ActorChain.Node;

/// <summary>
/// What a <see cref="NodeGuardian"/> counts and last heard for its <see cref="NodeStatus"/>, and the status built once
/// the mempool has said its size. A plain helper the guardian owns; it runs only on the guardian's turn. The totals are
/// kept in the chain store (<see cref="NodeCounters"/>), so a restarted node reports the same ones as before.
/// </summary>
internal sealed class StatusBoard(NodeContext node)
{
    private ChainEvent.PosHeadChanged? _posHead;

    /// <summary>Blocks imported (PoW and beacon).</summary>
    public long Blocks { get; private set; } = NodeCounters.Read(node.Stores?.Chain, "blocks");

    /// <summary>Reorgs, PoW and PoS.</summary>
    public long Reorgs { get; private set; } = NodeCounters.Read(node.Stores?.Chain, "reorgs");

    /// <summary>Malformed or unknown messages from peers, dropped.</summary>
    public long Malformed { get; private set; } = NodeCounters.Read(node.Stores?.Chain, "malformed");

    /// <summary>Counts an imported block.</summary>
    public void BlockImported() => Blocks = NodeCounters.Write(node.Stores?.Chain, "blocks", Blocks + 1);

    /// <summary>Counts a reorg.</summary>
    public void Reorged() => Reorgs = NodeCounters.Write(node.Stores?.Chain, "reorgs", Reorgs + 1);

    /// <summary>Counts a malformed message.</summary>
    public void MalformedMessage() => Malformed = NodeCounters.Write(node.Stores?.Chain, "malformed", Malformed + 1);

    /// <summary>Remembers the PoS head; counts the reorg when it moved to another branch.</summary>
    public void PosHeadChanged(ChainEvent.PosHeadChanged h)
    {
        _posHead = h;
        if (h.ReorgDepth > 0)
            Reorged();
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
