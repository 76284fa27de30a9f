package io.actorchain.core.pos;

import static io.actorchain.core.pos.BeaconFixture.MINIMAL;
import static io.actorchain.core.pos.BeaconFixture.STAKE;
import static io.actorchain.core.pos.BeaconFixture.TERMINAL;
import static io.actorchain.core.pos.BeaconFixture.attestations;
import static io.actorchain.core.pos.BeaconFixture.genesis;
import static io.actorchain.core.pos.BeaconFixture.keyOf;
import static io.actorchain.core.pos.BeaconFixture.proposerAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.block.BlockProcessing;
import io.actorchain.core.pos.block.BlockProduction;
import io.actorchain.core.pos.forkchoice.ForkChoiceStore;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.tx.SignatureCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Block production, block processing and the fork-choice store together: 16 honest validators that all attest and
 * propose, as CONSENSUS.md §5.7. Each slot's votes are included in the next block, so every epoch's target reaches
 * 7/8 of the stake within the epoch and the whole of it by the next one's first block.
 */
class HonestChainTest {
  private final SignatureCheck sigs = SignatureCheck.cached(1 << 12);

  @Test
  void shouldFinalizeThePreviousEpochFromEpochThreeOnWhenAllAreHonest() {
    BeaconState genesis = genesis(16, MINIMAL);
    ForkChoiceStore store = new ForkChoiceStore(TERMINAL, genesis.copy(), MINIMAL);
    List<Attestation> pool = new ArrayList<>();
    Hash32 head = TERMINAL;
    for (long slot = 0; slot <= 40; slot++) {
      store.onTick(slot, 0);
      if (slot > 0) {
        BeaconState parent = store.state(head).orElseThrow();
        int proposer = proposerAt(parent, slot, MINIMAL);
        BlockProduction.Produced p = BlockProduction.produce(parent, slot, proposer, keyOf(parent, proposer), pool,
            List.of(), List.of(), List.of(), MINIMAL, sigs);
        BlockProcessing.Result r = BlockProcessing.processBlock(parent, p.block(), MINIMAL, sigs);
        assertThat(r).isInstanceOf(BlockProcessing.Applied.class);
        BeaconState post = ((BlockProcessing.Applied) r).postState();
        assertThat(post.root()).isEqualTo(p.block().header().stateRoot());
        assertThat(store.onBlock(p.block(), post, true)).isEmpty();
        for (Attestation a : p.block().body().attestations()) {
          assertThat(store.onAttestation(a, true)).isEmpty();
        }
        pool.removeAll(p.block().body().attestations());
        head = store.getHead();
        assertThat(head).isEqualTo(p.block().root());
      }
      List<Attestation> votes = attestations(store.state(head).orElseThrow(), head, slot, MINIMAL);
      for (Attestation a : votes) {
        assertThat(store.onAttestation(a, false)).isEmpty();
      }
      pool.addAll(votes);
    }

    BeaconState last = store.state(head).orElseThrow();
    // End of epoch 2: epochs 1 and 2 justified. End of epoch 3: epoch 3 justified, epoch 2 finalized
    // (bits 0..1 set and oldCurr.epoch + 1 == 3). End of epoch 4: epoch 4 justified, epoch 3 finalized.
    assertThat(last.currentJustified().epoch()).isEqualTo(4);
    assertThat(last.finalized().epoch()).isEqualTo(3);
    assertThat(store.justified()).isEqualTo(last.currentJustified());
    assertThat(store.finalized()).isEqualTo(last.finalized());
    assertThat(store.ancestorAt(head, 24)).isEqualTo(last.finalized().root());
    assertThat(store.state(TERMINAL)).as("pruned below the finalized block").isEmpty();
    assertThat(store.contains(TERMINAL)).isTrue();
    long total = 0;
    for (int v = 0; v < 16; v++) {
      total += last.balance(v);
    }
    assertThat(total).isGreaterThan(16 * STAKE);
    assertThat(new Checkpoint(3, store.ancestorAt(head, 24))).isEqualTo(last.finalized());
  }
}
