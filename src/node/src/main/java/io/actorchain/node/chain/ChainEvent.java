package io.actorchain.node.chain;

import io.actorchain.node.net.LocalOnly;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pow.BlockContext;
import io.actorchain.core.pow.BlockRejection;
import io.actorchain.core.pow.PowBlock;
import io.actorchain.core.pow.Reorg;
import io.actorchain.core.tx.Transaction;
import java.math.BigInteger;
import java.util.List;

/** What ChainActor publishes to its subscribers. Every payload is immutable. */
public sealed interface ChainEvent extends LocalOnly {

  /** The canonical head moved; {@code next} is everything needed to build on it. */
  record HeadChanged(PowBlock head, BlockContext next, BigInteger totalDifficulty) implements ChainEvent {}

  /** A block joined the tree ({@code fromNode} is -1 when produced locally). */
  record BlockImported(PowBlock block, int fromNode) implements ChainEvent {}

  record BlockRejected(Hash32 hash, BlockRejection rejection, int fromNode) implements ChainEvent {}

  /** The head moved to another branch; {@code abandoned} are the transactions of the blocks left behind. */
  record Reorged(Reorg reorg, List<Transaction> abandoned) implements ChainEvent {}

  /**
   * {@code held} (from {@code fromNode}) is kept as an orphan until {@code missingRoot}, the unknown ancestor at the
   * far end of the orphans behind it, arrives.
   */
  record AncestorMissing(Hash32 missingRoot, Hash32 held, int fromNode) implements ChainEvent {}
}
