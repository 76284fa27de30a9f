package io.actorchain.core.mempool;

import static io.actorchain.core.Units.coins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.TestKeys;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.crypto.Signature;
import io.actorchain.core.crypto.SigningKey;
import io.actorchain.core.mempool.MempoolRejection.Kind;
import io.actorchain.core.state.Account;
import io.actorchain.core.state.Accounts;
import io.actorchain.core.state.LedgerState;
import io.actorchain.core.state.RegistryEntry;
import io.actorchain.core.tx.Exit;
import io.actorchain.core.tx.Transaction;
import io.actorchain.core.tx.Transfer;
import io.actorchain.core.tx.TxApplier;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MempoolTest {
  private static final Address ALICE = TestKeys.ALICE.address();
  private static final Address BOB = TestKeys.BOB.address();
  private static final Address CAROL = TestKeys.CAROL.address();
  private static final Address DAVE = TestKeys.DAVE.address();
  private static final LedgerState HEAD = LedgerState.genesis(
      Accounts.of(List.of(new Account(ALICE, coins(100), 0), new Account(BOB, coins(5), 0),
          new Account(CAROL, coins(50), 0), new Account(DAVE, coins(10), 0))),
      List.of(RegistryEntry.of(TestKeys.VALIDATOR_0.publicKey(), coins(32)),
          RegistryEntry.of(TestKeys.VALIDATOR_1.publicKey(), coins(32))));

  private final Mempool pool = new Mempool(MempoolPolicy.defaults());

  /** A transfer of 1 coin to a fixed address, paying {@code tip} with room to spare in maxFee. */
  private static Transfer pay(SigningKey from, long nonce, long tip) {
    return Transfer.sign(from, TestKeys.MINER_1.address(), coins(1), 1_000, tip, nonce);
  }

  private AddResult add(Transaction tx) {
    return pool.add(tx, HEAD);
  }

  private static MempoolRejection rejection(AddResult r) {
    assertThat(r).isInstanceOf(AddResult.Rejected.class);
    assertThat(r.added()).isFalse();
    return ((AddResult.Rejected) r).rejection();
  }

  @Test
  void shouldAcceptAValidTransaction() {
    Transfer tx = pay(TestKeys.ALICE, 0, 5);

    AddResult r = add(tx);

    assertThat(r).isEqualTo(new AddResult.Accepted());
    assertThat(r.added()).isTrue();
    assertThat(pool.size()).isEqualTo(1);
    assertThat(pool.contains(tx.id())).isTrue();
    assertThat(pool.get(tx.id())).contains(tx);
    assertThat(pool.all()).containsExactly(tx);
  }

  @Test
  void shouldRejectADuplicate() {
    Transfer tx = pay(TestKeys.ALICE, 0, 5);
    add(tx);

    assertThat(rejection(add(tx)).kind()).isEqualTo(Kind.DUPLICATE);
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void shouldRejectANonceBelowTheAccountNonce() {
    LedgerState later = new LedgerState(HEAD.accounts().with(new Account(ALICE, coins(100), 4)), 1, HEAD.registry());

    MempoolRejection r = rejection(pool.add(pay(TestKeys.ALICE, 3, 5), later));

    assertThat(r.kind()).isEqualTo(Kind.NONCE_TOO_LOW);
    assertThat(r.detail()).isEqualTo("nonce 3, account nonce 4");
  }

  @Test
  void shouldAcceptFutureNoncesWithinTheWindowAndRejectBeyondIt() {
    Mempool small = new Mempool(new MempoolPolicy(100, 3, 10));

    assertThat(small.add(pay(TestKeys.ALICE, 2, 5), HEAD).added()).isTrue();
    assertThat(small.add(pay(TestKeys.ALICE, 0, 5), HEAD).added()).isTrue();
    MempoolRejection r = rejection(small.add(pay(TestKeys.ALICE, 3, 5), HEAD));

    assertThat(r.kind()).isEqualTo(Kind.NONCE_GAP);
    assertThat(r.detail()).isEqualTo("nonce 3, account nonce 0, at most 2 ahead");
  }

  @Test
  void shouldRejectAnInvalidTransactionWithItsReason() {
    MempoolRejection badSig = rejection(add(pay(TestKeys.ALICE, 0, 5).withSig(Signature.EMPTY)));
    MempoolRejection overspend = rejection(add(Transfer.sign(TestKeys.BOB, ALICE, coins(5), 1, 0, 0)));
    LedgerState pricey = new LedgerState(HEAD.accounts(), 50, HEAD.registry());
    MempoolRejection cheap = rejection(pool.add(Transfer.sign(TestKeys.ALICE, BOB, 1, 49, 0, 0), pricey));
    MempoolRejection zero = rejection(add(Transfer.sign(TestKeys.ALICE, BOB, 0, 10, 0, 0)));

    assertThat(badSig.kind()).isEqualTo(Kind.INVALID);
    assertThat(badSig.detail()).contains("the signature does not verify", "BAD_SIGNATURE");
    assertThat(overspend.detail()).contains("INSUFFICIENT_BALANCE", "balance 5000000000");
    assertThat(cheap.detail()).contains("MAX_FEE_BELOW_BASE_FEE", "maxFee 49, base fee 50");
    assertThat(zero.detail()).contains("NON_POSITIVE_AMOUNT");
    assertThat(pool.size()).isZero();
  }

  @Test
  void shouldReplaceATransactionThatIsOutbidByTheBump() {
    Transfer old = Transfer.sign(TestKeys.ALICE, BOB, 1, 20, 10, 0);
    Transfer better = Transfer.sign(TestKeys.ALICE, BOB, 2, 22, 11, 0);
    add(old);

    AddResult r = add(better);

    assertThat(r).isEqualTo(new AddResult.Replaced(old));
    assertThat(r.added()).isTrue();
    assertThat(pool.all()).containsExactly(better);
    assertThat(pool.contains(old.id())).isFalse();
  }

  @Test
  void shouldRejectAnUnderpricedReplacement() {
    Transfer old = Transfer.sign(TestKeys.ALICE, BOB, 1, 20, 10, 0);
    add(old);

    MempoolRejection sameTip = rejection(add(Transfer.sign(TestKeys.ALICE, BOB, 2, 30, 10, 0)));
    MempoolRejection sameMaxFee = rejection(add(Transfer.sign(TestKeys.ALICE, BOB, 2, 20, 20, 0)));

    assertThat(sameTip.kind()).isEqualTo(Kind.REPLACEMENT_UNDERPRICED);
    assertThat(sameTip.detail()).contains("at least 11 and 22");
    assertThat(sameMaxFee.kind()).isEqualTo(Kind.REPLACEMENT_UNDERPRICED);
    assertThat(pool.all()).containsExactly(old);
  }

  @Test
  void shouldEvictTheCheapestWhenFullForABetterPayer() {
    Mempool full = new Mempool(new MempoolPolicy(3, 64, 10));
    Transfer alice = pay(TestKeys.ALICE, 0, 5);
    Transfer bob = pay(TestKeys.BOB, 0, 1);
    Transfer carol = pay(TestKeys.CAROL, 0, 3);
    Transfer dave = pay(TestKeys.DAVE, 0, 2);
    full.add(alice, HEAD);
    full.add(bob, HEAD);
    full.add(carol, HEAD);

    AddResult r = full.add(dave, HEAD);

    assertThat(r).isEqualTo(new AddResult.Accepted(Optional.of(bob)));
    assertThat(full.size()).isEqualTo(3);
    assertThat(full.contains(bob.id())).isFalse();
    MempoolRejection poorer = rejection(full.add(pay(TestKeys.ALICE, 1, 2), HEAD));
    assertThat(poorer.kind()).isEqualTo(Kind.POOL_FULL);
    assertThat(poorer.detail()).contains("capacity 3", "tip 2");
  }

  @Test
  void shouldNeverEvictTheNewcomersOwnEarlierTransaction() {
    Mempool full = new Mempool(new MempoolPolicy(2, 64, 10));
    Transfer alice0 = pay(TestKeys.ALICE, 0, 1);
    Transfer bob0 = pay(TestKeys.BOB, 0, 5);
    full.add(alice0, HEAD);
    full.add(bob0, HEAD);

    AddResult r = full.add(pay(TestKeys.ALICE, 1, 10), HEAD);

    assertThat(r).isEqualTo(new AddResult.Accepted(Optional.of(bob0)));
    assertThat(full.contains(alice0.id())).isTrue();
  }

  @Test
  void shouldSelectTheBestTipFirstButEachSenderInNonceOrder() {
    Transfer alice0 = pay(TestKeys.ALICE, 0, 1);
    Transfer alice1 = pay(TestKeys.ALICE, 1, 100);
    Transfer bob0 = pay(TestKeys.BOB, 0, 50);
    Transfer carol0 = pay(TestKeys.CAROL, 0, 20);
    List.of(alice1, carol0, alice0, bob0).forEach(this::add);

    assertThat(pool.select(HEAD, 10)).containsExactly(bob0, carol0, alice0, alice1);
  }

  @Test
  void shouldRankByTheTipActuallyPaid() {
    Transfer cappedHighTip = Transfer.sign(TestKeys.ALICE, BOB, 1, 3, 100, 0); // pays min(100, 3 − 1) = 2
    Transfer modest = pay(TestKeys.CAROL, 0, 5);
    add(cappedHighTip);
    add(modest);

    assertThat(pool.select(HEAD, 10)).containsExactly(modest, cappedHighTip);
  }

  @Test
  void shouldBreakTipTiesByTransactionId() {
    List<Transaction> txs = List.of(pay(TestKeys.ALICE, 0, 5), pay(TestKeys.BOB, 0, 5), pay(TestKeys.CAROL, 0, 5));
    txs.forEach(this::add);

    assertThat(pool.select(HEAD, 10)).isSortedAccordingTo(Comparator.comparing(Transaction::id))
        .containsExactlyInAnyOrderElementsOf(txs);
  }

  @Test
  void shouldSkipTransactionsThatAreNotValidInSequence() {
    Transfer bob0 = Transfer.sign(TestKeys.BOB, ALICE, coins(3), 10, 9, 0);
    Transfer bob1 = Transfer.sign(TestKeys.BOB, ALICE, coins(3), 10, 9, 1); // affordable alone, not after bob0
    Transfer bob2 = Transfer.sign(TestKeys.BOB, ALICE, 1, 10, 9, 2);
    Transfer alice0 = pay(TestKeys.ALICE, 0, 1);
    List.of(bob0, bob1, bob2, alice0).forEach(this::add);

    assertThat(pool.select(HEAD, 10)).containsExactly(bob0, alice0);
    assertThat(pool.size()).isEqualTo(4);
  }

  @Test
  void shouldNotSelectAcrossANonceGap() {
    Transfer alice1 = pay(TestKeys.ALICE, 1, 5);
    add(alice1);
    assertThat(pool.select(HEAD, 10)).isEmpty();

    Transfer alice0 = pay(TestKeys.ALICE, 0, 5);
    add(alice0);
    assertThat(pool.select(HEAD, 10)).containsExactly(alice0, alice1);
  }

  @Test
  void shouldSelectAtMostTheGivenNumber() {
    List.of(pay(TestKeys.ALICE, 0, 5), pay(TestKeys.BOB, 0, 4), pay(TestKeys.CAROL, 0, 3)).forEach(this::add);
    assertThat(pool.select(HEAD, 2)).extracting(Transaction::tip).containsExactly(5L, 4L);
    assertThat(pool.select(HEAD, 0)).isEmpty();
  }

  @Test
  void shouldSelectFromTheGivenStateNotTheLastHead() {
    Transfer alice0 = pay(TestKeys.ALICE, 0, 5);
    Transfer alice1 = pay(TestKeys.ALICE, 1, 5);
    add(alice0);
    add(alice1);
    TxApplier applier = TxApplier.on(HEAD);
    applier.tryApply(alice0);
    LedgerState afterAlice0 = applier.finish();

    assertThat(pool.select(afterAlice0, 10)).containsExactly(alice1);
  }

  @Test
  void shouldPruneIncludedAndNoLongerAffordableTransactionsOnANewHead() {
    Transfer alice0 = pay(TestKeys.ALICE, 0, 5);
    Transfer alice1 = pay(TestKeys.ALICE, 1, 5);
    Transfer bob0 = Transfer.sign(TestKeys.BOB, ALICE, coins(4), 10, 1, 0);
    Transfer bob1 = Transfer.sign(TestKeys.BOB, ALICE, coins(1), 10, 1, 1);
    List.of(alice0, alice1, bob0, bob1).forEach(this::add);
    TxApplier block = TxApplier.on(HEAD);
    block.tryApply(alice0);
    block.tryApply(bob0);
    LedgerState next = block.finish();

    List<Transaction> dropped = pool.onNewHead(next);

    assertThat(dropped).containsExactlyInAnyOrder(alice0, bob0, bob1);
    assertThat(pool.all()).containsExactly(alice1);
  }

  @Test
  void shouldPruneTransactionsBelowTheNewBaseFee() {
    Transfer low = Transfer.sign(TestKeys.ALICE, BOB, 1, 5, 0, 0);
    Transfer high = Transfer.sign(TestKeys.CAROL, BOB, 1, 50, 0, 0);
    add(low);
    add(high);

    pool.onNewHead(new LedgerState(HEAD.accounts(), 6, HEAD.registry()));

    assertThat(pool.all()).containsExactly(high);
  }

  @Test
  void shouldPruneNoncesThatFallOutOfTheWindowAfterAReorg() {
    Mempool small = new Mempool(new MempoolPolicy(100, 2, 10));
    LedgerState ahead = new LedgerState(HEAD.accounts().with(new Account(ALICE, coins(100), 5)), 1, HEAD.registry());
    Transfer alice6 = pay(TestKeys.ALICE, 6, 5);
    small.add(alice6, ahead);

    assertThat(small.onNewHead(HEAD)).containsExactly(alice6);
    assertThat(small.size()).isZero();
  }

  @Test
  void shouldKeepOneExitPerValidatorUntilTheChainRecordsIt() {
    Exit exit = Exit.sign(TestKeys.VALIDATOR_0, 0, 1);
    AddResult accepted = add(exit);
    MempoolRejection again = rejection(add(Exit.sign(TestKeys.VALIDATOR_0, 0, 2)));
    MempoolRejection unknown = rejection(add(Exit.sign(TestKeys.VALIDATOR_0, 7, 1)));
    MempoolRejection forged = rejection(add(Exit.sign(TestKeys.VALIDATOR_0, 1, 1)));

    assertThat(accepted.added()).isTrue();
    assertThat(again.kind()).isEqualTo(Kind.DUPLICATE);
    assertThat(again.detail()).contains("validator 0");
    assertThat(unknown.detail()).contains("UNKNOWN_VALIDATOR");
    assertThat(forged.detail()).contains("BAD_SIGNATURE");
    Transfer paid = pay(TestKeys.ALICE, 0, 1);
    add(paid);
    assertThat(pool.select(HEAD, 10)).containsExactly(paid, exit);

    TxApplier block = TxApplier.on(HEAD);
    block.tryApply(exit);
    assertThat(pool.onNewHead(block.finish())).containsExactly(exit);
    assertThat(pool.all()).containsExactly(paid);
  }

  @Test
  void shouldListAllInADeterministicOrder() {
    Exit exit1 = Exit.sign(TestKeys.VALIDATOR_1, 1, 0);
    Exit exit0 = Exit.sign(TestKeys.VALIDATOR_0, 0, 0);
    Transfer alice1 = pay(TestKeys.ALICE, 1, 1);
    Transfer alice0 = pay(TestKeys.ALICE, 0, 9);
    Transfer bob0 = pay(TestKeys.BOB, 0, 3);
    List.of(exit1, alice1, bob0, exit0, alice0).forEach(this::add);

    List<Transaction> payments = ALICE.compareTo(BOB) < 0
        ? List.of(alice0, alice1, bob0) : List.of(bob0, alice0, alice1);
    assertThat(pool.all()).containsExactly(payments.get(0), payments.get(1), payments.get(2), exit0, exit1);
  }

  @Test
  void shouldSelectTheSameWhateverTheArrivalOrder() {
    List<Transaction> txs = List.of(pay(TestKeys.ALICE, 0, 3), pay(TestKeys.ALICE, 1, 9), pay(TestKeys.BOB, 0, 3),
        pay(TestKeys.CAROL, 0, 7), pay(TestKeys.CAROL, 1, 3), pay(TestKeys.DAVE, 0, 3),
        Exit.sign(TestKeys.VALIDATOR_1, 1, 0));
    Mempool forward = new Mempool(MempoolPolicy.defaults());
    Mempool backward = new Mempool(MempoolPolicy.defaults());
    txs.forEach(tx -> forward.add(tx, HEAD));
    for (int i = txs.size() - 1; i >= 0; i--) {
      backward.add(txs.get(i), HEAD);
    }

    assertThat(forward.select(HEAD, 100)).hasSize(txs.size()).isEqualTo(backward.select(HEAD, 100));
    assertThat(forward.all()).isEqualTo(backward.all());
  }

  @Test
  void shouldRemoveById() {
    Transfer tx = pay(TestKeys.ALICE, 0, 5);
    add(tx);

    assertThat(pool.remove(tx.id())).isTrue();
    assertThat(pool.remove(tx.id())).isFalse();
    assertThat(pool.size()).isZero();
    assertThat(pool.all()).isEmpty();
  }

  @Test
  void shouldDefaultAndValidateItsPolicy() {
    assertThat(MempoolPolicy.defaults()).isEqualTo(new MempoolPolicy(10_000, 64, 10));
    assertThat(pool.policy()).isEqualTo(MempoolPolicy.defaults());
    assertThatThrownBy(() -> new MempoolPolicy(0, 1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MempoolPolicy(1, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MempoolPolicy(1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldDescribeEveryRejectionKind() {
    for (Kind k : Kind.values()) {
      assertThat(k.describe()).isNotBlank();
    }
    assertThat(new MempoolRejection(Kind.POOL_FULL, "x").describe()).startsWith("the pool is full").endsWith(": x");
  }
}
