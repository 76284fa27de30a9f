using ActorChain.Core.Codec;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Model;
using ActorChain.Node.Chain;
using ActorChain.Node.Time;
using ActorChain.Simulation.Outputs;

namespace ActorChain.Simulation.Running;

/// <summary>
/// Watches every node's head events in a PoS or merge simulation: writes epochs.jsonl, remembers node 0's head (for
/// progress) and every checkpoint each node finalized, learns the PoS genesis time, and reports progress. Touched only on the run's thread.
/// </summary>
public sealed class PosRecorder(EpochsWriter epochs, IClock clock, WallClock wall, IRunProgress? progress, ulong totalSlots,
    ConsensusConfig config, ForensicsWatch? forensics = null)
{
    private Head? _nodeZeroHead;
    private readonly SortedDictionary<int, SortedDictionary<ulong, string>> _finalizedByNode = [];

    /// <summary>A node's PoS head as last published.</summary>
    public sealed record Head(Hash32 Root, ulong Slot, Checkpoint Justified, Checkpoint Finalized);

    /// <summary>True once the PoS chain has started (the merge, or StartPos) on some node.</summary>
    public bool Merged => GenesisMillis >= 0;

    /// <summary>When PoS slot 0 starts, virtual ms; −1 before the merge.</summary>
    public long GenesisMillis { get; private set; } = -1;

    /// <summary>Every checkpoint each node's canonical chain finalized: node → epoch → root (hex).</summary>
    public IReadOnlyDictionary<int, SortedDictionary<ulong, string>> FinalizedByNode => _finalizedByNode;

    /// <summary>Takes one chain event of node <paramref name="node"/>.</summary>
    public void OnEvent(int node, ChainEvent e)
    {
        switch (e)
        {
            case ChainEvent.Merged m when GenesisMillis < 0:
                GenesisMillis = checked((long)m.GenesisTimeSeconds * 1000);
                forensics?.OnGenesis(m.GenesisState);
                break;
            case ChainEvent.PosHeadChanged h:
                if (node != 0) break;
                _nodeZeroHead = new Head(h.Root, h.Slot, h.Justified, h.Finalized);
                Draw(false);
                break;
            case ChainEvent.EpochTransitioned t:
                if (!_finalizedByNode.TryGetValue(node, out var finalized)) _finalizedByNode[node] = finalized = [];
                finalized[t.Transition.Finalized.Epoch] = t.Transition.Finalized.Root.ToString();
                forensics?.OnFinalized(node, t.Transition.Finalized, clock.NowMillis);
                epochs.Write(node, t.Transition, t.HeadSlot, t.HeadRoot, t.Tally);
                break;
        }
    }

    /// <summary>Reports progress (throttled unless <paramref name="last"/>): the slot, node 0's head and finalized epoch.</summary>
    public void Draw(bool last)
    {
        if (progress is null || !wall.ShouldDraw(last)) return;
        var h = _nodeZeroHead;
        var slot = last ? totalSlots : GenesisMillis < 0 ? 0 : config.SlotAt((ulong)GenesisMillis, (ulong)Math.Max(0, clock.NowMillis));
        progress.Report(new RunProgress("slot", Math.Min(slot, totalSlots), totalSlots, config.EpochOf(slot), h?.Root.ToString()[..8], h?.Finalized.Epoch,
            clock.NowMillis / 1000.0, slot / Math.Max(0.001, wall.Seconds), last));
    }
}
