using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pow;
using ActorChain.Core.Transactions;
using ActorChain.Node.Network;

namespace ActorChain.Node.Tests.Network;

/// <summary>One instance of every message that crosses processes, and the largest a node sends.</summary>
internal static class WireSamples
{
    private static readonly SigningKey Alice = Keys.FromName("wire-test", "alice");
    private static readonly SigningKey Bob = Keys.FromName("wire-test", "bob");

    /// <summary>A hash made from a label.</summary>
    public static Hash32 H(string label) => Sha256.Hash(System.Text.Encoding.UTF8.GetBytes(label));

    /// <summary>A signature-shaped value made from a label (not a valid signature: the wire does not check them).</summary>
    public static Signature Sig(string label) => Signature.Wrap([.. H(label + "/1").AsSpan(), .. H(label + "/2").AsSpan()]);

    /// <summary>Transactions of the three kinds.</summary>
    public static ImmutableArray<Transaction> Txs { get; } =
    [
        Transfer.Sign(Alice, Bob.Address, 5_000, 100, 7, 0),
        Deposit.Sign(Alice, Bob.PublicKey, 32_000_000_000, 100, 1, 1),
        Exit.Sign(Bob, 3, 9),
    ];

    /// <summary>A PoW block with transactions.</summary>
    public static PowBlock PowBlock(ulong height, ImmutableArray<Transaction> txs)
    {
        const ulong coinbase = 50;
        var header = new PowHeader(height, H("parent" + height), 1_000 * height, PowParams.DefaultGenesisTarget,
            ActorChain.Core.Pow.PowBlock.TxRoot(coinbase, txs), Alice.Address, 42 + height);
        return new PowBlock(header, coinbase, txs);
    }

    /// <summary>A vote.</summary>
    public static Attestation Vote(ulong index) =>
        new(index, new AttestationData(index + 8, 0, H("head" + index), new Checkpoint(0, H("src")), new Checkpoint(1, H("tgt"))),
            Sig("vote" + index));

    /// <summary>A signed header.</summary>
    public static SignedBeaconBlockHeader Header(ulong slot, string label) =>
        new(new BeaconBlockHeader(slot, 2, H("p" + label), H("s" + label), H("b" + label)), Sig("h" + label));

    /// <summary>A double proposal.</summary>
    public static ProposerSlashing DoubleProposal { get; } = new(Header(5, "x"), Header(5, "y"));

    /// <summary>A double vote.</summary>
    public static AttesterSlashing DoubleVote { get; } = new(Vote(1), Vote(1) with { Data = Vote(1).Data with { HeadRoot = H("other") } });

    /// <summary>A beacon block with the given numbers of each body list.</summary>
    public static BeaconBlock BeaconBlock(ulong slot, int votes, int proposerSlashings, int attesterSlashings, ImmutableArray<Transaction> txs)
    {
        var body = new BeaconBlockBody(Sig("randao" + slot),
            [.. Enumerable.Range(0, votes).Select(i => Vote((ulong)i))],
            [.. Enumerable.Range(0, proposerSlashings).Select(_ => DoubleProposal)],
            [.. Enumerable.Range(0, attesterSlashings).Select(_ => DoubleVote)],
            txs);
        var header = new BeaconBlockHeader(slot, slot % 7, H("parent" + slot), H("state" + slot), body.Root);
        return new BeaconBlock(header, body, Sig("block" + slot));
    }

    /// <summary>A small beacon block with one of everything.</summary>
    public static BeaconBlock SmallBeaconBlock(ulong slot) => BeaconBlock(slot, 2, 1, 1, Txs);

    /// <summary>One instance of every <see cref="Wire"/> kind.</summary>
    public static ImmutableArray<Wire> Payloads { get; } =
    [
        new Wire.BlockGossip(PowBlock(7, Txs)),
        new Wire.TxGossip(Txs[0]),
        new Wire.BlocksRequest(H("want"), 64),
        new Wire.BlocksResponse([PowBlock(3, []), PowBlock(4, Txs)]),
        new Wire.BeaconBlockGossip(SmallBeaconBlock(9)),
        new Wire.AttestationGossip(Vote(4)),
        new Wire.AttestationBatch([Vote(1), Vote(2), Vote(3)]),
        new Wire.BeaconBlocksRequest(H("want beacon"), 32),
        new Wire.BeaconBlocksResponse([SmallBeaconBlock(10), SmallBeaconBlock(11)]),
        new Wire.ProposerSlashingGossip(DoubleProposal),
        new Wire.AttesterSlashingGossip(DoubleVote),
        new Wire.Hello(3, "ab12cd", ["v0", "v1", "ünïcode"], [32_000_000_000, 64_000_000_000], 1_700_000_000_000, 12, true, 8080, ["v1"]),
        new Wire.Hello(0, "", [], [], 0, null, false, 0, []),
    ];

    /// <summary>Every message that crosses processes: each payload bare and inside a FromPeer, and a MergeForwarded.</summary>
    public static ImmutableArray<object> Messages { get; } =
    [
        .. Payloads,
        .. Payloads.Select((p, i) => new NodeGuardian.FromPeer(i, p)),
        new NodeGuardian.MergeForwarded(40),
    ];

    /// <summary>
    /// The largest beacon block under <paramref name="config"/>: MAX_ATTESTATIONS votes, MAX_PROPOSER_SLASHINGS and
    /// MAX_ATTESTER_SLASHINGS, and MAX_TXS_PER_BLOCK deposits (the longest transaction).
    /// </summary>
    public static BeaconBlock LargestBeaconBlock(ConsensusConfig config) =>
        BeaconBlock(1, (int)config.MaxAttestations, (int)config.MaxProposerSlashings, (int)config.MaxAttesterSlashings,
            [.. Enumerable.Repeat(Txs[1], Fees.MaxTxsPerBlock)]);
}
