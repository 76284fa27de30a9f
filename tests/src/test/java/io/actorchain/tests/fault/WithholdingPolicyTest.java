package io.actorchain.tests.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.pow.PowBlock;
import io.actorchain.core.pow.PowHeader;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.fault.WithholdingPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a withholding node publishes its blocks: a private chain at its release, selfish mining as Eyal and Sirer. */
class WithholdingPolicyTest {
  static final Address MINER = Address.wrap(new byte[20]);

  private static PowBlock block(long height) {
    PowHeader h = new PowHeader(height, Hash32.ZERO, height * 1000, Hash32.ZERO, PowBlock.txRoot(0, List.of()), MINER, 0);
    return new PowBlock(h, 0, List.of());
  }

  private static List<Long> heights(WithholdingPolicy.Publication p) {
    return p.blocks().stream().map(PowBlock::height).toList();
  }

  @Test
  void shouldWithholdAPrivateChainUntilItsHeadReachesTheReleaseHeight() {
    WithholdingPolicy p = WithholdingPolicy.of(new Fault.PrivateChain(0, new Fault.Release(Fault.Release.Unit.HEIGHT, 13)), 10);
    for (long h = 11; h <= 12; h++) {
      assertThat(p.onOwnBlock(block(h)).isEmpty()).isTrue();
      assertThat(p.onHead(h).isEmpty()).isTrue();
    }
    assertThat(p.onForeignBlock(11).isEmpty()).isTrue();
    assertThat(p.onOwnBlock(block(13)).isEmpty()).isTrue();
    WithholdingPolicy.Publication released = p.onHead(13);
    assertThat(heights(released)).containsExactly(11L, 12L, 13L);
    assertThat(p.finished()).isTrue();
  }

  @Test
  void shouldRaceWithItsOnlyBlockWhenTheOthersCatchUp() {
    WithholdingPolicy p = WithholdingPolicy.of(new Fault.SelfishMining(0), 10);
    assertThat(p.onOwnBlock(block(11)).isEmpty()).as("lead 1: withhold").isTrue();
    WithholdingPolicy.Publication race = p.onForeignBlock(11);
    assertThat(heights(race)).containsExactly(11L);
    assertThat(race.reason()).isEqualTo("race");
    assertThat(heights(p.onOwnBlock(block(12)))).as("won the race: publish at once").containsExactly(12L);
  }

  @Test
  void shouldPublishItsBranchWhenTheOthersComeWithinOne() {
    WithholdingPolicy p = WithholdingPolicy.of(new Fault.SelfishMining(0), 10);
    p.onOwnBlock(block(11));
    p.onOwnBlock(block(12));
    WithholdingPolicy.Publication won = p.onForeignBlock(11);
    assertThat(heights(won)).containsExactly(11L, 12L);
    assertThat(won.reason()).isEqualTo("lead of two");
    assertThat(p.withheldCount()).isZero();
  }

  @Test
  void shouldPublishOneBlockAtATimeWhileFarAhead() {
    WithholdingPolicy p = WithholdingPolicy.of(new Fault.SelfishMining(0), 10);
    for (long h = 11; h <= 14; h++) {
      p.onOwnBlock(block(h));
    }
    assertThat(heights(p.onForeignBlock(11))).as("lead of three before it: match it").containsExactly(11L);
    assertThat(heights(p.onForeignBlock(12))).as("still a lead of three before it").containsExactly(12L);
    assertThat(heights(p.onForeignBlock(13))).as("a lead of two before it: publish the rest").containsExactly(13L, 14L);
  }

  @Test
  void shouldAdoptTheOthersChainWhenBehind() {
    WithholdingPolicy p = WithholdingPolicy.of(new Fault.SelfishMining(0), 10);
    assertThat(p.onForeignBlock(11).isEmpty()).isTrue();
    assertThat(p.onOwnBlock(block(12)).isEmpty()).as("mining on their head: a new lead of 1").isTrue();
    assertThat(heights(p.onForeignBlock(12))).containsExactly(12L);
    assertThat(p.onForeignBlock(13).isEmpty()).as("lost the race: adopt theirs").isTrue();
    assertThat(p.withheldCount()).isZero();
  }
}
