using System.Collections.Immutable;
using System.Text;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.Misc;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Tests.Pos;

/// <summary>
/// Small PoS states and honest blocks for the block, fork-choice and slashing tests: n validators of 32 coins each
/// with deterministic keys, a genesis from <see cref="PosGenesis"/>, and helpers that produce blocks and attestations
/// the honest way (CONSENSUS.md §5.7).
/// </summary>
public static class BeaconFixture
{
    /// <summary>The chain seed of the fixture's keys.</summary>
    public const string ChainSeed = "actorchain-test";

    /// <summary>The keys the fixture knows.</summary>
    public const int MaxValidators = 64;

    private static readonly Lazy<ImmutableArray<SigningKey>> Keys64 = new(() =>
        [.. Enumerable.Range(0, MaxValidators).Select(i => Keys.FromName(ChainSeed, "pos-validator-" + i))]);

    private static readonly Lazy<Dictionary<PubKey, SigningKey>> ByPubkey = new(() =>
        Keys64.Value.ToDictionary(k => k.PublicKey)); // lookups only

    /// <summary>The minimal preset.</summary>
    public static ConsensusConfig Minimal => ConsensusConfig.Minimal;

    /// <summary>Each validator's stake: 32 coins.</summary>
    public static ulong Stake => Units.Coins(32);

    /// <summary>The terminal PoW block's hash: the anchor root.</summary>
    public static Hash32 Terminal { get; } = Sha256.Hash(Encoding.UTF8.GetBytes("terminal"));

    /// <summary>Alice's funds at genesis.</summary>
    public static ulong AliceFunds => Units.Coins(1000);

    /// <summary>A key that belongs to no validator.</summary>
    public static SigningKey Alice { get; } = Keys.FromName(ChainSeed, "alice");

    /// <summary>The key of fixture validator <paramref name="i"/>.</summary>
    public static SigningKey Key(int i) => i < MaxValidators
        ? Keys64.Value[i]
        : throw new ArgumentOutOfRangeException(nameof(i), $"the fixture has keys for {MaxValidators} validators");

    /// <summary>The key of validator <paramref name="index"/> in <paramref name="s"/>.</summary>
    public static SigningKey KeyOf(BeaconState s, ulong index) =>
        ByPubkey.Value.TryGetValue(s.Validators[(int)index].Pubkey, out var k)
            ? k
            : throw new ArgumentException($"validator {index} has no fixture key");

    /// <summary><paramref name="n"/> validators of 32 coins; Alice holds 1000 coins; base fee 1 gwei.</summary>
    public static BeaconState Genesis(int n, ConsensusConfig c)
    {
        var validators = Enumerable.Range(0, n).Select(i => new GenesisValidator(Key(i).PublicKey, Stake)).ToList();
        var accounts = Accounts.Of([new Account(Alice.Address, AliceFunds, 0)]);
        return PosGenesis.Create(validators, Terminal, 1_700_000_000_000UL, accounts, 1, c);
    }

    /// <summary>A copy of <paramref name="s"/> advanced to <paramref name="slot"/>.</summary>
    public static BeaconState Advanced(BeaconState s, ulong slot, ConsensusConfig c)
    {
        var copy = s.Copy();
        if (copy.Slot < slot)
        {
            SlotProcessing.ProcessSlots(copy, slot, c, trace: false);
        }

        return copy;
    }

    /// <summary>The proposer of <paramref name="slot"/> on <paramref name="parent"/>.</summary>
    public static int ProposerAt(BeaconState parent, ulong slot, ConsensusConfig c) =>
        Proposers.BeaconProposerIndex(Advanced(parent, slot, c), slot, c)
            ?? throw new InvalidOperationException($"slot {slot} has no proposer");

    /// <summary>The honest block of <paramref name="slot"/> on <paramref name="parent"/> with these attestations and transactions.</summary>
    public static ProducedBlock Produce(BeaconState parent, ulong slot, IReadOnlyList<Attestation> attestations, ConsensusConfig c,
        IReadOnlyList<Transaction>? txs = null)
    {
        var proposer = ProposerAt(parent, slot, c);
        return BlockProduction.Produce(parent, slot, proposer, KeyOf(parent, (ulong)proposer), attestations, [], [], txs ?? [],
            c, SignatureCheck.Direct);
    }

    /// <summary>Every honest attestation of the validators on duty at <paramref name="slot"/>, voting for <paramref name="headRoot"/>.</summary>
    public static List<Attestation> Attestations(BeaconState headState, Hash32 headRoot, ulong slot, ConsensusConfig c)
    {
        var s = Advanced(headState, slot, c);
        var epoch = c.EpochOf(slot);
        var result = new List<Attestation>();
        for (var v = 0; v < s.ValidatorCount; v++)
        {
            if (Committees.CommitteeOf(s, epoch, v, c) is { } duty && duty.Slot == slot)
            {
                var d = AttestationProduction.ComputeAttestationData(s, headRoot, slot, duty.CommitteeIndex, c);
                result.Add(Sign(KeyOf(s, (ulong)v), (ulong)v, d));
            }
        }

        return result;
    }

    /// <summary>The attestation of validator <paramref name="v"/> (on duty at <paramref name="slot"/>) for <paramref name="headRoot"/>.</summary>
    public static Attestation AttestationOf(BeaconState headState, Hash32 headRoot, ulong slot, int v, ConsensusConfig c)
    {
        var s = Advanced(headState, slot, c);
        var duty = Committees.CommitteeOf(s, c.EpochOf(slot), v, c) ?? throw new ArgumentException($"validator {v} has no duty");
        var d = AttestationProduction.ComputeAttestationData(s, headRoot, slot, duty.CommitteeIndex, c);
        return Sign(KeyOf(s, (ulong)v), (ulong)v, d);
    }

    /// <summary>A signed attestation.</summary>
    public static Attestation Sign(SigningKey key, ulong validatorIndex, AttestationData d) =>
        new(validatorIndex, d, key.Sign(Domain.Attester, d.Root));

    /// <summary>Processes <paramref name="b"/> on <paramref name="parent"/>, failing the test if it is rejected.</summary>
    public static BlockApplied Apply(BeaconState parent, BeaconBlock b, ConsensusConfig c) =>
        BlockProcessing.ProcessBlock(parent, b, c, SignatureCheck.Direct) switch
        {
            BlockApplied applied => applied,
            BlockRejected rejected => throw new InvalidOperationException("block rejected: " + rejected.Rejection),
            _ => throw new InvalidOperationException("unknown result"),
        };
}
