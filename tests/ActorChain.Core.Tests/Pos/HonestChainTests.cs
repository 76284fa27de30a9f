using ActorChain.Core.Codec;
using ActorChain.Core.Pos.Block;
using ActorChain.Core.Pos.ForkChoice;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Tests.Pos.BeaconFixture;

namespace ActorChain.Core.Tests.Pos;

/// <summary>
/// Block production, block processing and the fork-choice store together: 16 honest validators that all attest and
/// propose (CONSENSUS.md §5.7). Each slot's votes are included in the next block, so every epoch's target reaches 7/8
/// of the stake within the epoch and the whole of it by the next one's first block.
/// </summary>
public sealed class HonestChainTests
{
    private readonly SignatureCheck _sigs = SignatureCheck.Cached(1 << 12);

    [Fact]
    public void Finalizes_the_previous_epoch_from_epoch_three_on_when_all_are_honest()
    {
        var genesis = Genesis(16, Minimal);
        var store = new ForkChoiceStore(Terminal, genesis.Copy(), Minimal);
        var pool = new List<Attestation>();
        var head = Terminal;
        for (ulong slot = 0; slot <= 40; slot++)
        {
            store.OnTick(slot, 0);
            if (slot > 0)
            {
                var parent = store.State(head)!;
                var proposer = ProposerAt(parent, slot, Minimal);
                var p = BlockProduction.Produce(parent, slot, proposer, KeyOf(parent, (ulong)proposer), pool, [], [], [], Minimal, _sigs);
                var r = BlockProcessing.ProcessBlock(parent, p.Block, Minimal, _sigs);
                var post = r.Should().BeOfType<BlockApplied>().Subject.PostState;
                post.Root().Should().Be(p.Block.Header.StateRoot);
                store.OnBlock(p.Block, post, true).Should().BeNull();
                foreach (var a in p.Block.Body.Attestations)
                {
                    store.OnAttestation(a, true).Should().BeNull();
                }

                pool.RemoveAll(a => p.Block.Body.Attestations.Contains(a));
                head = store.GetHead();
                head.Should().Be(p.Block.Root);
            }

            var votes = Attestations(store.State(head)!, head, slot, Minimal);
            foreach (var a in votes)
            {
                store.OnAttestation(a, false).Should().BeNull();
            }

            pool.AddRange(votes);
        }

        var last = store.State(head)!;
        // End of epoch 2: epochs 1 and 2 justified. End of epoch 3: epoch 3 justified, epoch 2 finalized
        // (bits 0..1 set and oldCurr.epoch + 1 == 3). End of epoch 4: epoch 4 justified, epoch 3 finalized.
        last.CurrentJustified.Epoch.Should().Be(4);
        last.Finalized.Epoch.Should().Be(3);
        store.Justified.Should().Be(last.CurrentJustified);
        store.Finalized.Should().Be(last.Finalized);
        store.AncestorAt(head, 24).Should().Be(last.Finalized.Root);
        store.State(Terminal).Should().BeNull("pruned below the finalized block");
        store.Contains(Terminal).Should().BeTrue();
        ulong total = 0;
        for (var v = 0; v < 16; v++)
        {
            total += last.Balances[v];
        }

        total.Should().BeGreaterThan(16 * Stake);
        new Checkpoint(3, store.AncestorAt(head, 24)!.Value).Should().Be(last.Finalized);
    }
}
