using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos.Protection;
using ActorChain.Core.Pow;
using ActorChain.Core.TxPool;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.ForkChoice;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Slashing;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Transactions;
using CsCheck;
using static ActorChain.Core.Tests.Pos.BeaconFixture;

namespace ActorChain.Core.Tests.Pos;

/// <summary>
/// Invalid input never throws (STYLE.md §5): mutated blocks, attestations and slashing evidence go through decoding,
/// block processing, attestation and slashing validation, fork choice and the slasher, and each answers with a reason.
/// Signatures are accepted, so that the mutated fields reach every rule behind the signature checks.
/// </summary>
public sealed class UntrustedInputTests
{
    private static readonly BeaconState GenesisState = Genesis(16, Minimal);
    private static readonly ProducedBlock First = Produce(GenesisState, 1, [], Minimal);
    private static readonly List<Attestation> Votes = Attestations(First.PostState, First.Block.Root, 1, Minimal);
    private static readonly ProducedBlock Second = Produce(First.PostState, 2, Votes, Minimal);

    private static readonly Gen<ulong> Index = Gen.OneOf(Gen.ULong[0, 20], Gen.Const(ulong.MaxValue),
        Gen.Const((ulong)int.MaxValue + 1), Gen.Const((ulong)uint.MaxValue), Gen.ULong);

    private static readonly Gen<ulong> SlotOrEpoch = Gen.OneOf(Gen.ULong[0, 20], Gen.Const(ulong.MaxValue),
        Gen.Const(ulong.MaxValue / 8), Gen.Const(1UL << 63), Gen.ULong);

    private static readonly Gen<Hash32> Root = Gen.OneOf(Gen.Const(Hash32.Zero), Gen.Const(Terminal), Gen.Const(First.Block.Root),
        Gen.Const(Second.Block.Root), Gen.Byte.Array[32].Select(Hash32.Wrap));

    private static readonly Gen<Checkpoint> Cp = Gen.Select(SlotOrEpoch, Root, (e, r) => new Checkpoint(e, r));

    private static readonly Gen<Attestation> MutatedVote = Gen.Select(Gen.Int[0, Votes.Count - 1], Gen.Int[0, 5], Index, SlotOrEpoch, Root, Cp)
        .Select(t =>
        {
            var (i, field, index, n, root, cp) = t;
            var a = Votes[i];
            return field switch
            {
                0 => a with { ValidatorIndex = index },
                1 => a with { Data = a.Data with { Slot = n } },
                2 => a with { Data = a.Data with { CommitteeIndex = index } },
                3 => a with { Data = a.Data with { Target = cp, Slot = cp.Epoch * Minimal.SlotsPerEpoch } },
                4 => a with { Data = a.Data with { Source = cp, HeadRoot = root } },
                _ => a with { Data = a.Data with { Target = cp } },
            };
        });

    private static readonly Gen<SignedBeaconBlockHeader> MutatedHeader = Gen.Select(Gen.Int[0, 3], Index, SlotOrEpoch, Root)
        .Select(t =>
        {
            var (field, index, n, root) = t;
            var h = Second.Block.Header;
            h = field switch
            {
                0 => h with { ProposerIndex = index },
                1 => h with { Slot = n },
                2 => h with { ParentRoot = root },
                _ => h with { StateRoot = root },
            };
            return new SignedBeaconBlockHeader(h, Second.Block.Sig);
        });

    [Fact]
    public void Mutated_attestations_are_refused_with_a_reason_everywhere()
    {
        Gen.Select(MutatedVote, MutatedVote).Sample((a, b) =>
        {
            var s = Advanced(Second.PostState, 3, Minimal);
            AttestationRules.ValidateForBlock(s, a, Minimal, AcceptAll.Instance);
            AttestationRules.ValidateForGossip(s, a, 3, Minimal, AcceptAll.Instance);
            var slashing = new AttesterSlashing(a, b);
            SlashingRules.Validate(s, slashing, Minimal, AcceptAll.Instance);
            SlashingRules.VerifyEvidence(s, slashing, AcceptAll.Instance);
            var store = Store();
            store.OnAttestation(a, fromBlock: false);
            store.OnAttestation(b, fromBlock: true);
            store.OnTick(4, 0);
            store.GetHead();
            var slasher = new Slasher(Minimal);
            slasher.OnAttestation(a);
            slasher.OnAttestation(b);
            slasher.OnAttestation(a with { Data = a.Data with { HeadRoot = Hash32.Zero } });
            Canonical.TryDecode(Canonical.Encode(slashing), AttesterSlashing.Read, out _, out _);
        }, iter: 300);
    }

    [Fact]
    public void Mutated_proposer_slashings_and_headers_are_refused_with_a_reason()
    {
        Gen.Select(MutatedHeader, MutatedHeader).Sample((h1, h2) =>
        {
            var s = Advanced(Second.PostState, 3, Minimal);
            var slashing = new ProposerSlashing(h1, h2);
            SlashingRules.Validate(s, slashing, Minimal, AcceptAll.Instance);
            SlashingRules.VerifyEvidence(s, slashing, AcceptAll.Instance);
            var slasher = new Slasher(Minimal);
            slasher.OnHeader(h1);
            slasher.OnHeader(h2);
        }, iter: 300);
    }

    [Fact]
    public void Mutated_blocks_are_refused_with_a_reason_by_processing_and_import()
    {
        var gen = Gen.Select(MutatedHeader, MutatedVote.Array[0, 3], Gen.Select(MutatedHeader, MutatedHeader).Array[0, 2],
            Gen.Select(MutatedVote, MutatedVote).Array[0, 2]);
        gen.Sample((signed, votes, proposerSlashings, attesterSlashings) =>
        {
            var h = signed.Header;
            if (h.Slot > 64)
            {
                h = h with { Slot = h.Slot % 64 };
            }

            var body = new BeaconBlockBody(Second.Block.Body.RandaoReveal, [.. Second.Block.Body.Attestations.Take(2), .. votes],
                [.. proposerSlashings.Select(p => new ProposerSlashing(p.Item1, p.Item2))],
                [.. attesterSlashings.Select(p => new AttesterSlashing(p.Item1, p.Item2))], []);
            var block = new BeaconBlock(h with { BodyRoot = body.Root }, body, Second.Block.Sig);
            BlockProcessing.ProcessBlock(First.PostState, block, Minimal, AcceptAll.Instance);
            var store = Store();
            store.OnTick(Math.Max(h.Slot, 3), 0);
            BlockImport.Import(store, block, Minimal, AcceptAll.Instance);
            var bytes = block.Encode();
            BeaconBlock.Decode(bytes, out _);
        }, iter: 300);
    }

    [Fact]
    public void Random_and_mutated_bytes_never_throw_out_of_the_decoders()
    {
        var valid = Second.Block.Encode();
        var mutated = Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte, Gen.Int[0, valid.Length])
            .Select((i, b, len) =>
            {
                var copy = (byte[])valid.Clone();
                copy[i] = b;
                return copy[..len];
            });
        Gen.OneOf(mutated, Gen.Byte.Array[0, 600]).Sample(bytes =>
        {
            BeaconBlock.Decode(bytes, out _);
            BeaconBlockBody.Decode(bytes, out _);
            BeaconBlockHeader.Decode(bytes, out _);
            Attestation.Decode(bytes, out _);
            AttesterSlashing.Decode(bytes, out _);
            ProposerSlashing.Decode(bytes, out _);
            SignedBeaconBlockHeader.Decode(bytes, out _);
            BeaconState.Decode(bytes, out _);
            Transaction.TryDecode(bytes, out _, out _);
        }, iter: 2000);
    }

    [Fact]
    public void Mutated_state_bytes_never_throw_out_of_the_decoder()
    {
        var valid = Second.PostState.Encode();
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Sample((i, b) =>
        {
            var copy = (byte[])valid.Clone();
            copy[i] = b;
            BeaconState.Decode(copy, out _);
        }, iter: 2000);
    }

    private static readonly Gen<ulong> Gwei = Gen.OneOf(Gen.ULong[0, 100], Gen.Const((ulong)long.MaxValue),
        Gen.Const((ulong)long.MaxValue + 1), Gen.Const(ulong.MaxValue), Gen.ULong[0, Units.Coins(2000)], Gen.ULong);

    private static readonly Gen<PubKey> AnyKey = Gen.OneOf(Gen.Const(Alice.PublicKey), Gen.Const(Key(0).PublicKey),
        Gen.Const(Key(20).PublicKey), Gen.Byte.Array[32].Select(PubKey.Wrap));

    private static readonly Gen<Transaction> AnyTx = Gen.OneOf<Transaction>(
        Gen.Select(AnyKey, AnyKey, Gwei, Gwei, Gwei, Gwei).Select(t =>
            (Transaction)new Transfer(t.Item1, t.Item2.Address, t.Item3, t.Item4, t.Item5, t.Item6, default)),
        Gen.Select(AnyKey, AnyKey, Gwei, Gwei, Gwei, Gwei).Select(t =>
            (Transaction)new Deposit(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, default)),
        Gen.Select(Index, SlotOrEpoch).Select((i, e) => (Transaction)new Exit(i, e, default)));

    [Fact]
    public void Arbitrary_transactions_are_refused_with_a_reason_by_the_rules_the_pool_and_both_chains()
    {
        AnyTx.Array[1, 4].Sample(txs =>
        {
            var s = First.PostState;
            var body = new BeaconBlockBody(Second.Block.Body.RandaoReveal, [.. Second.Block.Body.Attestations], [], [], [.. txs]);
            var h = Second.Block.Header;
            var block = new BeaconBlock(h with { BodyRoot = body.Root }, body, Second.Block.Sig);
            BlockProcessing.ProcessBlock(s, block, Minimal, AcceptAll.Instance);
            var ledger = LedgerState.Genesis(s.Accounts, []);
            var pool = new Mempool(MempoolPolicy.Defaults);
            var applier = new TxApplier(ledger, AcceptAll.Instance);
            foreach (var tx in txs)
            {
                TxRules.Validate(tx, ledger, AcceptAll.Instance);
                pool.Add(tx, ledger);
                applier.TryApply(tx);
                Transaction.TryDecode(tx.Canonical(), out _, out _);
            }

            pool.Select(ledger, 10);
            pool.OnNewHead(applier.Finish());
        }, iter: 500);
    }

    [Fact]
    public void Random_bytes_never_throw_out_of_the_ledger_pow_and_protection_decoders()
    {
        Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            LedgerState.TryDecode(bytes, out _, out _);
            PowBlock.TryDecode(bytes, out _, out _);
            PowHeader.TryDecode(bytes, out _, out _);
            SlashingProtectionRecord.Decode(bytes, out _);
            Checkpoint.Decode(bytes, out _);
            AttestationData.Decode(bytes, out _);
            Validator.Decode(bytes, out _);
        }, iter: 2000);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_forks_votes_and_slashings_through_the_store_never_throw(int seed)
    {
        var rng = new Random(seed);
        var sigs = SignatureCheck.Cached(1 << 14);
        var store = new ForkChoiceStore(Terminal, GenesisState.Copy(), Minimal);
        var roots = new List<Hash32> { Terminal };
        var pool = new List<Attestation>();
        for (ulong slot = 1; slot <= 36; slot++)
        {
            store.OnTick(slot, (ulong)rng.Next(0, 1000));
            var parentRoot = rng.Next(4) == 0 ? roots[rng.Next(roots.Count)] : store.GetHead();
            if (store.State(parentRoot) is { } parent && parent.Slot < slot)
            {
                var proposer = ProposerAt(parent, slot, Minimal);
                var included = pool.Where(_ => rng.Next(3) > 0).ToList();
                var slashings = rng.Next(8) == 0 && pool.Count > 1
                    ? [new AttesterSlashing(pool[0], pool[0] with { Data = pool[0].Data with { HeadRoot = Hash32.Zero } })]
                    : Array.Empty<AttesterSlashing>();
                var p = BlockProduction.Produce(parent, slot, proposer, KeyOf(parent, (ulong)proposer), included, [],
                    slashings, [], Minimal, sigs);
                BlockImport.Import(store, p.Block, Minimal, sigs);
                BlockImport.Import(store, p.Block, Minimal, sigs).Status.Should().Be(BlockImportStatus.Known);
                roots.Add(p.Block.Root);
            }

            var head = store.GetHead();
            var votes = Attestations(store.State(head)!, head, slot, Minimal);
            foreach (var a in votes)
            {
                var vote = rng.Next(6) switch
                {
                    0 => a with { Data = a.Data with { HeadRoot = roots[rng.Next(roots.Count)] } },
                    1 => a with { Data = a.Data with { Target = a.Data.Target with { Root = roots[rng.Next(roots.Count)] } } },
                    2 => a with { ValidatorIndex = (ulong)rng.Next(0, 40) },
                    _ => a,
                };
                store.OnAttestation(vote, fromBlock: rng.Next(2) == 0);
            }

            pool.AddRange(votes);
            pool.RemoveAll(a => a.Data.Slot + Minimal.SlotsPerEpoch < slot);
            if (rng.Next(10) == 0)
            {
                store.OnAttesterSlashing([(ulong)rng.Next(0, 20), ulong.MaxValue]);
            }

            var newHead = store.GetHead();
            store.ReorgDepth(head, newHead);
            store.AncestorAt(newHead, (ulong)rng.Next(0, (int)slot));
        }

        roots.Should().HaveCountGreaterThan(20);
        store.Contains(store.GetHead()).Should().BeTrue();
    }

    [Fact]
    public void Mutated_pow_blocks_are_refused_with_a_reason_by_the_block_tree()
    {
        var chain = Tests.Pow.ChainBuilder.Simulated();
        var tip = chain.ExtendEmpty(chain.Genesis, Tests.Pow.ChainBuilder.Miner1, 3);
        var valid = chain.Child(tip, Tests.Pow.ChainBuilder.Miner1, []);
        Gen.Select(Gen.Int[0, 6], SlotOrEpoch, Root, Gwei, AnyTx.Array[0, 3]).Sample((field, n, root, coinbase, txs) =>
        {
            var b = field switch
            {
                0 => Tests.Pow.ChainBuilder.WithHeader(valid, h => h with { Height = n }),
                1 => Tests.Pow.ChainBuilder.WithHeader(valid, h => h with { Timestamp = n }),
                2 => Tests.Pow.ChainBuilder.WithHeader(valid, h => h with { ParentHash = root }),
                3 => Tests.Pow.ChainBuilder.WithHeader(valid, h => h with { Target = root }),
                4 => Tests.Pow.ChainBuilder.WithBody(valid, coinbase, txs),
                5 => new PowBlock(valid.Header, coinbase, txs),
                _ => Tests.Pow.ChainBuilder.WithHeader(valid, h => h with { Nonce = n }),
            };
            chain.Tree.ImportBlock(b, n);
            PowBlockRules.CheckContextFree(b, chain.Params);
            PowBlock.TryDecode(b.Canonical(), out _, out _);
        }, iter: 500, threads: 1); // one tree, one owner: BlockTree is not thread-safe
    }

    private static ForkChoiceStore Store()
    {
        var store = new ForkChoiceStore(Terminal, GenesisState.Copy(), Minimal);
        store.OnTick(2, 0);
        BlockImport.Import(store, First.Block, Minimal, SignatureCheck.Shared).Status.Should().Be(BlockImportStatus.Imported);
        BlockImport.Import(store, Second.Block, Minimal, SignatureCheck.Shared).Status.Should().Be(BlockImportStatus.Imported);
        return store;
    }

    /// <summary>Every signature verifies: the rules behind the signature checks see the mutated fields.</summary>
    private sealed class AcceptAll : SignatureCheck
    {
        public static readonly AcceptAll Instance = new();

        public override bool Verify(Transaction tx, PubKey signer) => true;

        public override bool Verify(PubKey key, Domain domain, Hash32 root, Signature sig) => true;
    }
}
