package io.actorchain.core.pow;

import static io.actorchain.core.Units.coins;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.TestKeys;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.state.Account;
import io.actorchain.core.state.Accounts;
import io.actorchain.core.state.LedgerState;
import io.actorchain.core.state.RegistryEntry;
import io.actorchain.core.tx.Transaction;
import java.util.List;
import java.util.function.UnaryOperator;

/** Builds PoW chains for tests: a genesis with funded accounts, a block tree, and valid children on demand. */
final class ChainBuilder {
  static final long GENESIS_TIME = 1_700_000_000_000L;
  /** A clock far enough ahead that no timestamp in these tests is too far in the future. */
  static final long LATE_NOW = Long.MAX_VALUE / 4;
  static final Address ALICE = TestKeys.ALICE.address();
  static final Address BOB = TestKeys.BOB.address();
  static final Address MINER_1 = TestKeys.MINER_1.address();
  static final Address MINER_2 = TestKeys.MINER_2.address();

  final PowParams params;
  final LedgerState genesisState;
  final PowBlock genesis;
  final BlockTree tree;

  ChainBuilder(PowParams params, LedgerState genesisState) {
    this.params = params;
    this.genesisState = genesisState;
    this.genesis = PowGenesis.block(params, GENESIS_TIME);
    this.tree = new BlockTree(genesis, genesisState, params);
  }

  /** Simulated proof of work (no hash ≤ target check), alice 100 coins, bob 5 coins, validator v0 with 32. */
  static ChainBuilder simulated() {
    return new ChainBuilder(PowParams.defaults().withCheckProofOfWork(false), standardState());
  }

  /** Real proof of work at about 16 hashes per block, so tests can mine. */
  static ChainBuilder realEasy() {
    PowParams p = PowParams.defaults()
        .withPowLimit(Targets.MAX_TARGET)
        .withGenesisTarget(Targets.forExpectedWork(16))
        .withCheckProofOfWork(true);
    return new ChainBuilder(p, standardState());
  }

  static LedgerState standardState() {
    return LedgerState.genesis(
        Accounts.of(List.of(new Account(ALICE, coins(100), 0), new Account(BOB, coins(5), 0))),
        List.of(RegistryEntry.of(TestKeys.VALIDATOR_0.publicKey(), coins(32))));
  }

  /** A valid child of {@code parent}, one block time later. */
  PowBlock child(PowBlock parent, Address miner, List<Transaction> candidates) {
    return child(parent, miner, parent.timestamp() + params.blockTimeMillis(), candidates);
  }

  PowBlock child(PowBlock parent, Address miner, long timestamp, List<Transaction> candidates) {
    BlockContext ctx = tree.contextFor(parent.hash());
    return PowBlockBuilder.build(ctx, miner, timestamp, candidates, params);
  }

  /** Builds a child and imports it, failing the test unless it is imported. */
  PowBlock extend(PowBlock parent, Address miner, List<Transaction> candidates) {
    PowBlock b = child(parent, miner, candidates);
    imported(b);
    return b;
  }

  /** Extends {@code parent} by {@code n} empty blocks; returns the last. */
  PowBlock extendEmpty(PowBlock parent, Address miner, int n) {
    PowBlock tip = parent;
    for (int i = 0; i < n; i++) {
      tip = extend(tip, miner, List.of());
    }
    return tip;
  }

  ImportResult.Imported imported(PowBlock b) {
    ImportResult r = tree.importBlock(b, LATE_NOW);
    assertThat(r).isInstanceOf(ImportResult.Imported.class);
    return (ImportResult.Imported) r;
  }

  /** The context for a child of {@code parent}. */
  BlockContext contextFor(PowBlock parent) {
    return tree.contextFor(parent.hash());
  }

  /** {@code b} with a changed header and the same body. */
  static PowBlock withHeader(PowBlock b, UnaryOperator<PowHeader> change) {
    return new PowBlock(change.apply(b.header()), b.coinbase(), b.transactions());
  }

  /** A block with this body and a header whose txRoot matches it. */
  static PowBlock withBody(PowBlock b, long coinbase, List<Transaction> txs) {
    PowHeader h = b.header();
    return new PowBlock(new PowHeader(h.height(), h.parentHash(), h.timestamp(), h.target(),
        PowBlock.txRoot(coinbase, txs), h.miner(), h.nonce()), coinbase, txs);
  }

  /** Mines {@code b} for real: the first nonce from 0 whose hash meets its target. */
  static PowBlock mine(PowBlock b) {
    long nonce = new PowHasher(b.header()).search(0, 1_000_000).orElseThrow();
    return b.withNonce(nonce);
  }
}
