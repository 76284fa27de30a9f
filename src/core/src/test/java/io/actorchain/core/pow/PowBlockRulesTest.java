package io.actorchain.core.pow;

import static io.actorchain.core.Units.coins;
import static io.actorchain.core.pow.ChainBuilder.ALICE;
import static io.actorchain.core.pow.ChainBuilder.BOB;
import static io.actorchain.core.pow.ChainBuilder.LATE_NOW;
import static io.actorchain.core.pow.ChainBuilder.MINER_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.TestKeys;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Signature;
import io.actorchain.core.state.Account;
import io.actorchain.core.state.LedgerState;
import io.actorchain.core.tx.Fees;
import io.actorchain.core.tx.Transaction;
import io.actorchain.core.tx.Transfer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PowBlockRulesTest {
  private final ChainBuilder chain = ChainBuilder.simulated();
  private final BlockContext ctx = chain.contextFor(chain.genesis);
  private final PowParams p = chain.params;

  private Optional<PowInvalidReason> reason(PowBlock b, BlockContext context, long now, PowParams params) {
    return PowBlockRules.validate(b, context, now, params).map(BlockRejection::reason);
  }

  private Optional<PowInvalidReason> reason(PowBlock b) {
    return reason(b, ctx, LATE_NOW, p);
  }

  private PowBlock valid(List<Transaction> txs) {
    return chain.child(chain.genesis, MINER_1, txs);
  }

  @Test
  void shouldAcceptAValidBlockAndComputeItsPostState() {
    Transfer tx = Transfer.sign(TestKeys.ALICE, BOB, coins(10), 5, 3, 0);
    PowBlock b = valid(List.of(tx));

    PowBlockRules.Result result = PowBlockRules.apply(b, ctx, LATE_NOW, p);

    assertThat(result).isInstanceOf(PowBlockRules.Applied.class);
    LedgerState post = ((PowBlockRules.Applied) result).postState();
    assertThat(b.coinbase()).isEqualTo(coins(50) + 3);
    assertThat(post.account(MINER_1)).isEqualTo(new Account(MINER_1, coins(50) + 3, 0));
    assertThat(post.account(ALICE)).isEqualTo(new Account(ALICE, coins(90) - 1 - 3, 1));
    assertThat(post.account(BOB).balance()).isEqualTo(coins(15));
    assertThat(post.baseFee()).isEqualTo(Fees.nextBaseFee(1, 1));
    // The base fee (1 gwei) is burned: supply grows by the reward only.
    assertThat(post.accounts().totalBalance())
        .isEqualTo(chain.genesisState.accounts().totalBalance() + coins(50) - 1);
  }

  @Test
  void shouldSetThePostStateBaseFeeFromTheParentsAndTheTxCount() {
    LedgerState expensive = new LedgerState(chain.genesisState.accounts(), 1_000, chain.genesisState.registry());
    ChainBuilder c = new ChainBuilder(p, expensive);
    PowBlock empty = c.child(c.genesis, MINER_1, List.of());
    PowBlock one = c.child(c.genesis, MINER_1, List.of(Transfer.sign(TestKeys.ALICE, BOB, 1, 1_000, 0, 0)));

    assertThat(c.imported(empty)).isNotNull();
    assertThat(c.tree.stateOf(empty.hash()).baseFee()).isEqualTo(875);
    c.imported(one);
    assertThat(c.tree.stateOf(one.hash()).baseFee()).isEqualTo(Fees.nextBaseFee(1_000, 1)).isEqualTo(876);
  }

  @Test
  void shouldRejectBlockWithWrongHeight() {
    PowBlock b = ChainBuilder.withHeader(valid(List.of()), h -> new PowHeader(2, h.parentHash(), h.timestamp(),
        h.target(), h.txRoot(), h.miner(), h.nonce()));
    assertThat(PowBlockRules.validate(b, ctx, LATE_NOW, p)).hasValueSatisfying(r -> {
      assertThat(r.reason()).isEqualTo(PowInvalidReason.WRONG_HEIGHT);
      assertThat(r.detail()).isEqualTo("height 2, expected 1");
    });
  }

  @Test
  void shouldRejectBlockNamingAnotherParent() {
    PowBlock b = ChainBuilder.withHeader(valid(List.of()), h -> new PowHeader(h.height(), Hash32.ZERO,
        h.timestamp(), h.target(), h.txRoot(), h.miner(), h.nonce()));
    assertThat(reason(b)).contains(PowInvalidReason.WRONG_PARENT);
  }

  @Test
  void shouldRejectBlockWithTimestampNotAfterTheMedian() {
    long median = ctx.medianTimePast();
    assertThat(median).isEqualTo(chain.genesis.timestamp());
    PowBlock atMedian = chain.child(chain.genesis, MINER_1, median + 1, List.of());
    PowBlock b = ChainBuilder.withHeader(atMedian, h -> new PowHeader(h.height(), h.parentHash(), median,
        h.target(), h.txRoot(), h.miner(), h.nonce()));

    assertThat(reason(atMedian)).isEmpty();
    assertThat(reason(b)).contains(PowInvalidReason.TIMESTAMP_NOT_AFTER_MEDIAN);
  }

  @Test
  void shouldCheckTheTimestampAgainstTheMedianOfTheLastElevenBlocks() {
    // Each offset is after the median before it. Over the last 11 the median is 1017; over 10 or 12 it is 1019.
    long[] offsets = {6, 8, 1007, 1009, 1009, 2008, 1108, 1060, 1060, 1010, 1015, 1012, 1015, 1016, 1017, 1067, 1118,
        1023, 1068, 1019};
    PowBlock tip = chain.genesis;
    for (long offset : offsets) {
      tip = chain.child(tip, MINER_1, ChainBuilder.GENESIS_TIME + offset, List.of());
      chain.imported(tip);
    }
    BlockContext next = chain.contextFor(tip);
    assertThat(next.medianTimePast()).isEqualTo(ChainBuilder.GENESIS_TIME + 1017);
    PowBlock early = chain.child(tip, MINER_1, ChainBuilder.GENESIS_TIME + 1018, List.of());
    PowBlock tooEarly = ChainBuilder.withHeader(early, h -> new PowHeader(h.height(), h.parentHash(),
        ChainBuilder.GENESIS_TIME + 1017, h.target(), h.txRoot(), h.miner(), h.nonce()));
    // Before its parent in time, but after the median: valid.
    assertThat(reason(early, next, LATE_NOW, p)).isEmpty();
    assertThat(reason(tooEarly, next, LATE_NOW, p)).contains(PowInvalidReason.TIMESTAMP_NOT_AFTER_MEDIAN);
  }

  @Test
  void shouldRejectBlockWithTimestampTooFarInTheFuture() {
    PowBlock b = valid(List.of());
    long now = b.timestamp() - p.maxFutureDriftMillis();

    assertThat(reason(b, ctx, now, p)).isEmpty();
    assertThat(PowBlockRules.validate(b, ctx, now - 1, p)).hasValueSatisfying(r -> {
      assertThat(r.reason()).isEqualTo(PowInvalidReason.TIMESTAMP_TOO_FAR_IN_FUTURE);
      assertThat(r.detail()).contains("drift 15000");
    });
  }

  @Test
  void shouldRejectBlockWithWrongTarget() {
    Hash32 easier = Hash32.fromUnsignedBigInteger(ctx.target().toUnsignedBigInteger().add(BigInteger.ONE));
    PowBlock b = ChainBuilder.withHeader(valid(List.of()), h -> new PowHeader(h.height(), h.parentHash(),
        h.timestamp(), easier, h.txRoot(), h.miner(), h.nonce()));
    assertThat(reason(b)).contains(PowInvalidReason.WRONG_TARGET);
  }

  @Test
  void shouldAcceptARealProofOfWork() {
    ChainBuilder real = ChainBuilder.realEasy();
    PowBlock mined = ChainBuilder.mine(real.child(real.genesis, MINER_1, List.of()));

    assertThat(Targets.meets(mined.hash(), mined.target())).isTrue();
    assertThat(PowBlockRules.validate(mined, real.contextFor(real.genesis), LATE_NOW, real.params)).isEmpty();
  }

  @Test
  void shouldRejectInsufficientWorkWhenProofOfWorkIsChecked() {
    ChainBuilder real = ChainBuilder.realEasy();
    PowBlock unmined = real.child(real.genesis, MINER_1, List.of());
    PowHasher hasher = new PowHasher(unmined.header());
    long bad = 0;
    while (hasher.meetsTarget(bad)) {
      bad++;
    }
    PowBlock b = unmined.withNonce(bad);
    BlockContext c = real.contextFor(real.genesis);

    assertThat(PowBlockRules.validate(b, c, LATE_NOW, real.params)).hasValueSatisfying(r -> {
      assertThat(r.reason()).isEqualTo(PowInvalidReason.INSUFFICIENT_WORK);
      assertThat(r.detail()).contains(b.hash().toHex());
    });
    assertThat(reason(b, c, LATE_NOW, real.params.withCheckProofOfWork(false))).isEmpty();
  }

  @Test
  void shouldRejectBlockWithBadTxRoot() {
    PowBlock good = valid(List.of());
    PowBlock wrongRoot = ChainBuilder.withHeader(good, h -> new PowHeader(h.height(), h.parentHash(),
        h.timestamp(), h.target(), Hash32.ZERO, h.miner(), h.nonce()));
    PowBlock otherBody = new PowBlock(good.header(), good.coinbase(),
        List.of(Transfer.sign(TestKeys.ALICE, BOB, 1, 1, 0, 0)));

    assertThat(reason(wrongRoot)).contains(PowInvalidReason.BAD_TX_ROOT);
    assertThat(reason(otherBody)).contains(PowInvalidReason.BAD_TX_ROOT);
  }

  @Test
  void shouldRejectBlockWithTooManyTransactions() {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i <= Fees.MAX_TXS_PER_BLOCK; i++) {
      txs.add(new Transfer(TestKeys.ALICE.publicKey(), BOB, 1, 1, 0, i, Signature.EMPTY));
    }
    PowBlock b = ChainBuilder.withBody(valid(List.of()), p.blockRewardGwei(), txs);

    assertThat(PowBlockRules.validate(b, ctx, LATE_NOW, p)).hasValueSatisfying(r -> {
      assertThat(r.reason()).isEqualTo(PowInvalidReason.TOO_MANY_TRANSACTIONS);
      assertThat(r.detail()).isEqualTo("129 transactions, at most 128");
    });
  }

  @Test
  void shouldRejectBlockWithAnInvalidTransaction() {
    Transfer first = Transfer.sign(TestKeys.ALICE, BOB, 1, 1, 0, 0);
    Transfer replayed = first;
    PowBlock b = ChainBuilder.withBody(valid(List.of()), p.blockRewardGwei(), List.of(first, replayed));

    assertThat(PowBlockRules.validate(b, ctx, LATE_NOW, p)).hasValueSatisfying(r -> {
      assertThat(r.reason()).isEqualTo(PowInvalidReason.INVALID_TRANSACTION);
      assertThat(r.detail()).startsWith("tx 1 (").contains("nonce 0, account nonce 1");
    });
  }

  @Test
  void shouldRejectBlockWithABadlySignedTransaction() {
    Transfer forged = Transfer.sign(TestKeys.ALICE, BOB, 1, 1, 0, 0).withSig(Signature.EMPTY);
    PowBlock b = ChainBuilder.withBody(valid(List.of()), p.blockRewardGwei(), List.of(forged));
    assertThat(PowBlockRules.validate(b, ctx, LATE_NOW, p)).hasValueSatisfying(r ->
        assertThat(r.detail()).contains("signature"));
  }

  @Test
  void shouldRejectBlockWithWrongCoinbase() {
    Transfer tx = Transfer.sign(TestKeys.ALICE, BOB, 1, 10, 4, 0);
    PowBlock good = valid(List.of(tx));
    PowBlock greedy = ChainBuilder.withBody(good, good.coinbase() + 1, good.transactions());
    PowBlock modest = ChainBuilder.withBody(good, good.coinbase() - 1, good.transactions());

    assertThat(reason(good)).isEmpty();
    assertThat(PowBlockRules.validate(greedy, ctx, LATE_NOW, p)).hasValueSatisfying(r -> {
      assertThat(r.reason()).isEqualTo(PowInvalidReason.WRONG_COINBASE);
      assertThat(r.detail()).isEqualTo("coinbase 50000000005, expected reward 50000000000 + tips 4");
    });
    assertThat(reason(modest)).contains(PowInvalidReason.WRONG_COINBASE);
  }

  @Test
  void shouldDescribeEveryReason() {
    for (PowInvalidReason r : PowInvalidReason.values()) {
      assertThat(r.describe()).isNotBlank();
    }
    assertThat(new BlockRejection(PowInvalidReason.WRONG_HEIGHT, "height 3").describe())
        .isEqualTo("the height is not the parent's height + 1: height 3");
  }
}
