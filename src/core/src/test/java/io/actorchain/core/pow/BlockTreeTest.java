package io.actorchain.core.pow;

import static io.actorchain.core.Units.coins;
import static io.actorchain.core.pow.ChainBuilder.ALICE;
import static io.actorchain.core.pow.ChainBuilder.BOB;
import static io.actorchain.core.pow.ChainBuilder.LATE_NOW;
import static io.actorchain.core.pow.ChainBuilder.MINER_1;
import static io.actorchain.core.pow.ChainBuilder.MINER_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.TestKeys;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.state.LedgerState;
import io.actorchain.core.tx.Transfer;
import java.math.BigInteger;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlockTreeTest {
  private final ChainBuilder chain = ChainBuilder.simulated();
  private final BlockTree tree = chain.tree;
  private final PowBlock genesis = chain.genesis;
  private final Transfer aliceToBob = Transfer.sign(TestKeys.ALICE, BOB, coins(10), 5, 3, 0);

  private PowBlock child(PowBlock parent, io.actorchain.core.crypto.Address miner) {
    return chain.child(parent, miner, List.of());
  }

  @Test
  void shouldStartWithGenesisAsHead() {
    assertThat(tree.head()).isEqualTo(genesis);
    assertThat(tree.genesis()).isEqualTo(genesis);
    assertThat(tree.headState()).isEqualTo(chain.genesisState);
    assertThat(tree.size()).isEqualTo(1);
    assertThat(tree.canonicalAt(0)).contains(genesis);
    assertThat(tree.canonicalAt(1)).isEmpty();
    assertThat(tree.canonicalAt(-1)).isEmpty();
    assertThat(tree.totalDifficulty(genesis.hash())).isEqualTo(Targets.work(genesis.target()));
    assertThat(tree.contextFor(genesis.hash()).height()).isEqualTo(1);
    assertThat(tree.contextFor(genesis.hash()).state()).isEqualTo(chain.genesisState);
  }

  @Test
  void shouldRefuseAGenesisAboveHeightZero() {
    PowBlock notGenesis = child(genesis, MINER_1);
    assertThatThrownBy(() -> new BlockTree(notGenesis, chain.genesisState, chain.params))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldExtendTheHeadWithAValidChild() {
    PowBlock b1 = chain.child(genesis, MINER_1, List.of(aliceToBob));

    ImportResult r = tree.importBlock(b1, LATE_NOW);

    assertThat(r).isEqualTo(new ImportResult.Imported(b1, true, Optional.empty()));
    assertThat(tree.head()).isEqualTo(b1);
    assertThat(tree.headState().account(BOB).balance()).isEqualTo(coins(15));
    assertThat(tree.canonicalAt(1)).contains(b1);
    assertThat(tree.contains(b1.hash())).isTrue();
    assertThat(tree.get(b1.hash())).contains(b1);
    assertThat(tree.totalDifficulty(b1.hash()))
        .isEqualTo(Targets.work(genesis.target()).add(Targets.work(b1.target())));
  }

  @Test
  void shouldReportADuplicate() {
    PowBlock b1 = chain.extend(genesis, MINER_1, List.of());
    assertThat(tree.importBlock(b1, LATE_NOW)).isInstanceOf(ImportResult.Duplicate.class);
    assertThat(tree.importBlock(genesis, LATE_NOW)).isInstanceOf(ImportResult.Duplicate.class);
    assertThat(tree.size()).isEqualTo(2);
  }

  @Test
  void shouldReportAMissingParent() {
    ChainBuilder other = ChainBuilder.simulated();
    PowBlock b1 = other.extend(other.genesis, MINER_1, List.of());
    PowBlock b2 = other.child(b1, MINER_1, List.of());

    assertThat(tree.importBlock(b2, LATE_NOW)).isEqualTo(new ImportResult.MissingParent(b1.hash()));
    assertThat(tree.contains(b2.hash())).isFalse();
    assertThat(tree.importBlock(b1, LATE_NOW)).isInstanceOf(ImportResult.Imported.class);
    assertThat(tree.importBlock(b2, LATE_NOW)).isInstanceOf(ImportResult.Imported.class);
  }

  @Test
  void shouldRejectAnInvalidBlockAndRememberWhy() {
    PowBlock good = child(genesis, MINER_1);
    PowBlock greedy = ChainBuilder.withBody(good, good.coinbase() + 1, List.of());

    ImportResult first = tree.importBlock(greedy, LATE_NOW);
    ImportResult again = tree.importBlock(greedy, LATE_NOW);

    assertThat(first).isInstanceOf(ImportResult.Invalid.class);
    assertThat(((ImportResult.Invalid) first).rejection().reason()).isEqualTo(PowInvalidReason.WRONG_COINBASE);
    assertThat(again).isEqualTo(first);
    assertThat(tree.knownInvalid(greedy.hash())).contains(((ImportResult.Invalid) first).rejection());
    assertThat(tree.contains(greedy.hash())).isFalse();
    assertThat(tree.head()).isEqualTo(genesis);
  }

  @Test
  void shouldRejectTheChildOfAnInvalidBlock() {
    PowBlock greedy = ChainBuilder.withBody(child(genesis, MINER_1), coins(51), List.of());
    tree.importBlock(greedy, LATE_NOW);
    PowBlock orphanOfInvalid = new PowBlock(new PowHeader(2, greedy.hash(), greedy.timestamp() + 1,
        greedy.target(), PowBlock.txRoot(0, List.of()), MINER_1, 0), 0, List.of());

    ImportResult r = tree.importBlock(orphanOfInvalid, LATE_NOW);

    assertThat(r).isInstanceOf(ImportResult.Invalid.class);
    assertThat(((ImportResult.Invalid) r).rejection().reason()).isEqualTo(PowInvalidReason.INVALID_PARENT);
  }

  @Test
  void shouldAcceptABlockFromTheFutureOnceTheClockCatchesUp() {
    PowBlock b1 = child(genesis, MINER_1);
    long tooEarly = b1.timestamp() - chain.params.maxFutureDriftMillis() - 1;

    ImportResult early = tree.importBlock(b1, tooEarly);
    ImportResult later = tree.importBlock(b1, tooEarly + 1);

    assertThat(((ImportResult.Invalid) early).rejection().reason())
        .isEqualTo(PowInvalidReason.TIMESTAMP_TOO_FAR_IN_FUTURE);
    assertThat(later).isInstanceOf(ImportResult.Imported.class);
  }

  @Test
  void shouldAcceptTheRealBodyAfterAMangledCopyOfTheSameHeader() {
    PowBlock real = chain.child(genesis, MINER_1, List.of(aliceToBob));
    PowBlock mangled = new PowBlock(real.header(), real.coinbase(), List.of());

    ImportResult bad = tree.importBlock(mangled, LATE_NOW);
    ImportResult good = tree.importBlock(real, LATE_NOW);

    assertThat(((ImportResult.Invalid) bad).rejection().reason()).isEqualTo(PowInvalidReason.BAD_TX_ROOT);
    assertThat(good).isInstanceOf(ImportResult.Imported.class);
    assertThat(tree.get(real.hash()).orElseThrow().transactions()).containsExactly(aliceToBob);
  }

  @Test
  void shouldKeepTheFirstSeenHeadOnATie() {
    PowBlock a1 = chain.extend(genesis, MINER_1, List.of());
    PowBlock b1 = child(genesis, MINER_2);

    ImportResult r = tree.importBlock(b1, LATE_NOW);

    assertThat(r).isEqualTo(new ImportResult.Imported(b1, false, Optional.empty()));
    assertThat(tree.totalDifficulty(b1.hash())).isEqualTo(tree.totalDifficulty(a1.hash()));
    assertThat(tree.head()).isEqualTo(a1);
    assertThat(tree.isCanonical(b1.hash())).isFalse();
    assertThat(tree.orphanCount()).isEqualTo(1);
    assertThat(tree.size()).isEqualTo(3);
  }

  @Test
  void shouldReorgToAHeavierBranchAndMoveBalancesBackAndForth() {
    PowBlock a1 = chain.extend(genesis, MINER_1, List.of(aliceToBob));
    assertThat(tree.headState().account(BOB).balance()).isEqualTo(coins(15));
    assertThat(tree.headState().account(MINER_1).balance()).isEqualTo(coins(50) + 3);

    PowBlock b1 = chain.extend(genesis, MINER_2, List.of());
    PowBlock b2 = child(b1, MINER_2);
    ImportResult toB = tree.importBlock(b2, LATE_NOW);

    assertThat(toB).isEqualTo(new ImportResult.Imported(b2, true,
        Optional.of(new Reorg(a1.hash(), b2.hash(), genesis.hash(), 1, 1, 2))));
    LedgerState onB = tree.headState();
    assertThat(onB.account(BOB).balance()).isEqualTo(coins(5));
    assertThat(onB.account(ALICE).balance()).isEqualTo(coins(100));
    assertThat(onB.account(ALICE).nonce()).isZero();
    assertThat(onB.account(MINER_1).balance()).isZero();
    assertThat(onB.account(MINER_2).balance()).isEqualTo(coins(100));
    assertThat(tree.canonicalAt(1)).contains(b1);

    PowBlock a2 = child(a1, MINER_1);
    assertThat(tree.importBlock(a2, LATE_NOW)).isEqualTo(new ImportResult.Imported(a2, false, Optional.empty()));
    PowBlock a3 = child(a2, MINER_1);
    ImportResult backToA = tree.importBlock(a3, LATE_NOW);

    assertThat(backToA).isEqualTo(new ImportResult.Imported(a3, true,
        Optional.of(new Reorg(b2.hash(), a3.hash(), genesis.hash(), 2, 2, 3))));
    LedgerState onA = tree.headState();
    assertThat(onA.account(BOB).balance()).isEqualTo(coins(15));
    assertThat(onA.account(ALICE).nonce()).isEqualTo(1);
    assertThat(onA.account(MINER_1).balance()).isEqualTo(coins(150) + 3);
    assertThat(onA.account(MINER_2).balance()).isZero();
    assertThat(List.of(tree.canonicalAt(1), tree.canonicalAt(2), tree.canonicalAt(3)))
        .containsExactly(Optional.of(a1), Optional.of(a2), Optional.of(a3));
    assertThat(tree.isCanonical(b1.hash())).isFalse();
    assertThat(tree.isCanonical(a1.hash())).isTrue();
    assertThat(tree.orphanCount()).isEqualTo(2);
    assertThat(tree.stateOf(b2.hash())).isEqualTo(onB);
  }

  @Test
  void shouldIncludeATransactionFromTheAbandonedBranchOnTheNewOne() {
    PowBlock a1 = chain.extend(genesis, MINER_1, List.of(aliceToBob));
    PowBlock b1 = chain.extend(genesis, MINER_2, List.of());
    PowBlock b2 = chain.extend(b1, MINER_2, List.of(aliceToBob));

    assertThat(b2.transactions()).containsExactly(aliceToBob);
    assertThat(tree.head()).isEqualTo(b2);
    assertThat(tree.headState().account(BOB).balance()).isEqualTo(coins(15));
    assertThat(tree.ancestors(a1.hash(), 10)).containsExactly(a1, genesis);
  }

  @Test
  void shouldPreferMoreWorkOverMoreBlocks() {
    PowBlock slow = genesis;
    for (int i = 0; i < 18; i++) {
      slow = chain.extend(slow, MINER_2, List.of());
    }
    PowBlock fast = genesis;
    ImportResult last = null;
    for (int i = 0; i < 16; i++) {
      fast = chain.child(fast, MINER_1, fast.timestamp() + 100, List.of());
      last = tree.importBlock(fast, LATE_NOW);
    }

    assertThat(fast.height()).isEqualTo(16);
    // 16 blocks in 1.5 s: the span clamps to a quarter, so block 16 carries four times the work.
    assertThat(fast.target()).isEqualTo(Hash32.fromUnsignedBigInteger(genesis.target().toUnsignedBigInteger()
        .divide(BigInteger.valueOf(4))));
    assertThat(tree.totalDifficulty(fast.hash())).isGreaterThan(tree.totalDifficulty(slow.hash()));
    assertThat(tree.head()).isEqualTo(fast);
    assertThat(last).isEqualTo(new ImportResult.Imported(fast, true,
        Optional.of(new Reorg(slow.hash(), fast.hash(), genesis.hash(), 18, 18, 16))));
  }

  @Test
  void shouldRetargetAtTheIntervalAndRejectTheOldTarget() {
    PowBlock tip = genesis;
    for (int i = 0; i < 15; i++) {
      tip = chain.child(tip, MINER_1, tip.timestamp() + 100, List.of());
      chain.imported(tip);
    }
    BlockContext ctx = tree.contextFor(tip.hash());
    Hash32 expected = Retarget.retarget(chain.params, genesis.target(), 15 * 100);
    PowBlock stale = ChainBuilder.withHeader(chain.child(tip, MINER_1, List.of()), h -> new PowHeader(h.height(),
        h.parentHash(), h.timestamp(), genesis.target(), h.txRoot(), h.miner(), h.nonce()));

    assertThat(ctx.height()).isEqualTo(16);
    assertThat(ctx.target()).isEqualTo(expected).isNotEqualTo(genesis.target());
    ImportResult r = tree.importBlock(stale, LATE_NOW);
    assertThat(((ImportResult.Invalid) r).rejection().reason()).isEqualTo(PowInvalidReason.WRONG_TARGET);
    PowBlock b16 = chain.extend(tip, MINER_1, List.of());
    assertThat(b16.target()).isEqualTo(expected);
    assertThat(tree.contextFor(b16.hash()).target()).isEqualTo(expected);
  }

  @Test
  void shouldWalkAncestorsFromABlockInclusive() {
    PowBlock b1 = chain.extend(genesis, MINER_1, List.of());
    PowBlock b2 = chain.extend(b1, MINER_1, List.of());

    assertThat(tree.ancestors(b2.hash(), 2)).containsExactly(b2, b1);
    assertThat(tree.ancestors(b2.hash(), 10)).containsExactly(b2, b1, genesis);
    assertThat(tree.ancestors(b2.hash(), 0)).isEmpty();
    assertThat(tree.ancestors(Hash32.ZERO, 5)).isEmpty();
  }

  @Test
  void shouldFailLoudlyForUnknownBlocks() {
    assertThatThrownBy(() -> tree.contextFor(Hash32.ZERO)).isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining(Hash32.ZERO.toHex());
    assertThatThrownBy(() -> tree.stateOf(Hash32.ZERO)).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> tree.totalDifficulty(Hash32.ZERO)).isInstanceOf(NoSuchElementException.class);
    assertThat(tree.get(Hash32.ZERO)).isEmpty();
    assertThat(tree.contains(Hash32.ZERO)).isFalse();
    assertThat(tree.isCanonical(Hash32.ZERO)).isFalse();
  }

  @Test
  void shouldImportRealProofOfWorkBlocks() {
    ChainBuilder real = ChainBuilder.realEasy();
    PowBlock b1 = ChainBuilder.mine(real.child(real.genesis, MINER_1, List.of()));
    assertThat(real.tree.importBlock(b1, LATE_NOW)).isInstanceOf(ImportResult.Imported.class);
    PowBlock b2 = ChainBuilder.mine(real.child(b1, MINER_1, List.of()));
    assertThat(real.tree.importBlock(b2, LATE_NOW)).isInstanceOf(ImportResult.Imported.class);
    assertThat(real.tree.head()).isEqualTo(b2);
    PowBlock unmined = real.child(b2, MINER_1, List.of());
    long bad = 0;
    while (new PowHasher(unmined.header()).meetsTarget(bad)) {
      bad++;
    }
    ImportResult r = real.tree.importBlock(unmined.withNonce(bad), LATE_NOW);
    assertThat(((ImportResult.Invalid) r).rejection().reason()).isEqualTo(PowInvalidReason.INSUFFICIENT_WORK);
  }
}
