using System.Buffers.Binary;
using System.Collections.Immutable;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pow;
using ActorChain.Node.Storage;

namespace ActorChain.Node.Chain;

/// <summary>
/// What a restarted node reloads from its block store before it takes part again (ARCHITECTURE.md, "Catch-up"): every
/// stored block in the order it was stored, which puts parents first. PoW blocks go straight into the PoW tree; beacon
/// blocks wait for the beacon chain, which re-imports them through its normal import once the chain has merged again.
/// Two metadata keys say how the stored chain left PoW: <see cref="StartedPosKey"/> (<c>node --pos</c>,
/// <c>StartPos</c>) and <see cref="MergeAtKey"/> (a <c>merge</c> command's height); a merge height from the settings
/// needs neither. A plain helper of <see cref="ChainActor"/>.
/// </summary>
internal sealed record ChainReload(int PowBlocks, ImmutableArray<BeaconBlock> BeaconBlocks, bool StartedPos, ulong? MergeAtHeight)
{
    /// <summary>Metadata: the chain started straight in proof of stake from the PoW genesis block.</summary>
    public const string StartedPosKey = "started-pos";

    /// <summary>Metadata: the merge height a <c>merge</c> command set, u64 big-endian.</summary>
    public const string MergeAtKey = "merge-at";

    /// <summary>
    /// Metadata: the last epoch transition the beacon chain published (epochs.jsonl has one line per node per epoch),
    /// u64 big-endian, so that a restarted node does not publish it again.
    /// </summary>
    public const string LastRecordedEpochKey = "last-recorded-epoch";

    /// <summary>Whether the store held nothing to reload: a fresh node.</summary>
    public bool IsEmpty => PowBlocks == 0 && BeaconBlocks.IsEmpty && !StartedPos && MergeAtHeight is null;

    /// <summary>Imports <paramref name="store"/>'s PoW blocks into <paramref name="tree"/> (nothing is announced) and keeps its beacon blocks.</summary>
    public static ChainReload Load(IChainStore store, BlockTree tree, ulong nowMillis)
    {
        var startedPos = store.Meta(StartedPosKey) is not null;
        var mergeAt = U64(store, MergeAtKey);
        var pow = 0;
        var beacon = ImmutableArray.CreateBuilder<BeaconBlock>();
        foreach (var b in store.LoadBlocks())
        {
            switch (b)
            {
                case StoredBlock.Pow p when tree.ImportBlock(p.Block, nowMillis) is ImportResult.Imported:
                    pow++;
                    break;
                case StoredBlock.Beacon bb:
                    beacon.Add(bb.Block);
                    break;
            }
        }

        return new ChainReload(pow, beacon.DrainToImmutable(), startedPos, mergeAt);
    }

    /// <summary>Records that the chain starts straight in PoS, so that it does again after a restart.</summary>
    public static void RecordStartedPos(IChainStore store)
    {
        if (store.Meta(StartedPosKey) is null)
        {
            store.PutMeta(StartedPosKey, [1]);
        }
    }

    /// <summary>Records the merge height a <c>merge</c> command set, so that a restarted node merges at the same block.</summary>
    public static void RecordMergeScheduled(IChainStore store, ulong height) => PutU64(store, MergeAtKey, height);

    /// <summary>The last epoch transition published before a restart, or null.</summary>
    public static ulong? LastRecordedEpoch(IChainStore store) => U64(store, LastRecordedEpochKey);

    /// <summary>Records that the transition at the end of <paramref name="epoch"/> was published.</summary>
    public static void RecordEpoch(IChainStore store, ulong epoch) => PutU64(store, LastRecordedEpochKey, epoch);

    private static void PutU64(IChainStore store, string key, ulong value)
    {
        var bytes = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        store.PutMeta(key, bytes);
    }

    private static ulong? U64(IChainStore store, string key)
    {
        var v = store.Meta(key);
        if (v is null)
        {
            return null;
        }

        return v.Length == sizeof(ulong)
            ? BinaryPrimitives.ReadUInt64BigEndian(v)
            : throw new StoreException($"data dir {store.Location}: metadata {key} is corrupt ({v.Length} bytes, not {sizeof(ulong)})");
    }
}
