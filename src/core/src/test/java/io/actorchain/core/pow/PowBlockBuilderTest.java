package io.actorchain.core.pow;

import static io.actorchain.core.Units.coins;
import static io.actorchain.core.pow.ChainBuilder.ALICE;
import static io.actorchain.core.pow.ChainBuilder.BOB;
import static io.actorchain.core.pow.ChainBuilder.LATE_NOW;
import static io.actorchain.core.pow.ChainBuilder.MINER_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.TestKeys;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.tx.Fees;
import io.actorchain.core.tx.Transaction;
import io.actorchain.core.tx.Transfer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowBlockBuilderTest {
  private final ChainBuilder chain = ChainBuilder.simulated();
  private final BlockContext ctx = chain.contextFor(chain.genesis);

  @Test
  void shouldKeepOnlyTheCandidatesValidInSequence() {
    Transfer a0 = Transfer.sign(TestKeys.ALICE, BOB, coins(1), 5, 2, 0);
    Transfer a0Again = Transfer.sign(TestKeys.ALICE, BOB, coins(2), 5, 2, 0);
    Transfer a2 = Transfer.sign(TestKeys.ALICE, BOB, coins(1), 5, 2, 2);
    Transfer a1 = Transfer.sign(TestKeys.ALICE, BOB, coins(1), 5, 7, 1);
    Transfer bobOverspends = Transfer.sign(TestKeys.BOB, ALICE, coins(50), 5, 2, 0);

    PowBlock b = PowBlockBuilder.build(ctx, MINER_1, ctx.medianTimePast() + 1,
        List.of(a0, a0Again, a2, bobOverspends, a1), chain.params);

    assertThat(b.transactions()).containsExactly(a0, a1);
    assertThat(b.coinbase()).isEqualTo(coins(50) + 2 + 4);
    assertThat(b.header().txRoot()).isEqualTo(PowBlock.txRoot(b.coinbase(), b.transactions()));
    assertThat(b.header().nonce()).isZero();
    assertThat(b.height()).isEqualTo(1);
    assertThat(b.parentHash()).isEqualTo(chain.genesis.hash());
    assertThat(b.target()).isEqualTo(ctx.target());
    assertThat(b.miner()).isEqualTo(MINER_1);
    assertThat(PowBlockRules.validate(b, ctx, LATE_NOW, chain.params)).isEmpty();
  }

  @Test
  void shouldStopAtTheMaximumTransactionsPerBlock() {
    List<Transaction> txs = new ArrayList<>();
    for (int nonce = 0; nonce < Fees.MAX_TXS_PER_BLOCK + 2; nonce++) {
      txs.add(Transfer.sign(TestKeys.ALICE, BOB, 1, 1, 0, nonce));
    }

    PowBlock b = PowBlockBuilder.build(ctx, MINER_1, ctx.medianTimePast() + 1, txs, chain.params);

    assertThat(b.transactions()).hasSize(Fees.MAX_TXS_PER_BLOCK).isEqualTo(txs.subList(0, Fees.MAX_TXS_PER_BLOCK));
    assertThat(PowBlockRules.validate(b, ctx, LATE_NOW, chain.params)).isEmpty();
  }

  @Test
  void shouldPickATimestampAfterTheMedian() {
    long median = ctx.medianTimePast();
    assertThat(PowBlockBuilder.timestampFor(ctx, median + 500)).isEqualTo(median + 500);
    assertThat(PowBlockBuilder.timestampFor(ctx, median)).isEqualTo(median + 1);
    assertThat(PowBlockBuilder.timestampFor(ctx, median - 10_000)).isEqualTo(median + 1);
  }

  @Test
  void shouldRefuseATimestampNotAfterTheMedian() {
    assertThatThrownBy(() -> PowBlockBuilder.build(ctx, MINER_1, ctx.medianTimePast(), List.of(), chain.params))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("median");
  }

  @Test
  void shouldBuildTheGenesisBlock() {
    PowBlock g = PowGenesis.block(chain.params, 1234);

    assertThat(g.height()).isZero();
    assertThat(g.parentHash()).isEqualTo(Hash32.ZERO);
    assertThat(g.miner()).isEqualTo(io.actorchain.core.crypto.Address.ZERO);
    assertThat(g.coinbase()).isZero();
    assertThat(g.transactions()).isEmpty();
    assertThat(g.timestamp()).isEqualTo(1234);
    assertThat(g.target()).isEqualTo(chain.params.genesisTarget());
    assertThat(g.header().txRoot()).isEqualTo(PowBlock.txRoot(0, List.of()));
    assertThat(PowGenesis.block(chain.params, 1234)).isEqualTo(g);
    assertThat(PowGenesis.block(chain.params, 1235)).isNotEqualTo(g);
  }
}
