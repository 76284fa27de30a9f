package io.actorchain.node.chain;

import io.actorchain.node.net.LocalOnly;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pow.BlockContext;
import io.actorchain.core.pow.BlockRejection;
import io.actorchain.core.pow.PowBlock;
import io.actorchain.core.pow.Reorg;
import io.actorchain.core.pos.epoch.EpochTransition;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.model.SignedBeaconBlockHeader;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.state.LedgerState;
import io.actorchain.core.tx.Transaction;
import java.math.BigInteger;
import java.util.List;

/** What ChainActor publishes to its subscribers. Every payload is immutable. */
public sealed interface ChainEvent extends LocalOnly {

  /** What an event is about; subscribers name the kinds they want (ChainActor.Subscribe). */
  enum Kind {
    HEAD, BLOCK_IMPORTED, BLOCK_REJECTED, REORG, ANCESTOR_MISSING, MERGED, POS_HEAD, BEACON_BLOCK_IMPORTED,
    /** Attestations that arrived from a peer. */
    ATTESTATION,
    /** An attestation made by one of this node's validators. */
    LOCAL_ATTESTATION,
    /** The attestations of an imported block that counted in fork choice, as one event per block. */
    BLOCK_ATTESTATIONS,
    EPOCH_TRANSITIONED, BEACON_ANCESTOR_MISSING,
    /** Signed headers and attestations outside imported blocks, for the slasher. */
    SIGNED_MESSAGES;

    /** The head and what moves it: miners, the consensus supervisor, views. */
    public static final java.util.Set<Kind> HEADS =
        java.util.Collections.unmodifiableSet(java.util.EnumSet.of(HEAD, REORG, MERGED, POS_HEAD, EPOCH_TRANSITIONED));
    public static final java.util.Set<Kind> ALL = java.util.Collections.unmodifiableSet(java.util.EnumSet.allOf(Kind.class));
  }

  Kind kind();

  /** The canonical head moved; {@code next} is everything needed to build on it. */
  record HeadChanged(PowBlock head, BlockContext next, BigInteger totalDifficulty) implements ChainEvent {
    @Override
    public Kind kind() {
      return Kind.HEAD;
    }
  }

  /** A block joined the tree ({@code fromNode} is -1 when produced locally). */
  record BlockImported(PowBlock block, int fromNode) implements ChainEvent {
    @Override
    public Kind kind() {
      return Kind.BLOCK_IMPORTED;
    }
  }

  record BlockRejected(Hash32 hash, BlockRejection rejection, int fromNode) implements ChainEvent {
    @Override
    public Kind kind() {
      return Kind.BLOCK_REJECTED;
    }
  }

  /** The head moved to another branch; {@code abandoned} are the transactions of the blocks left behind. */
  record Reorged(Reorg reorg, List<Transaction> abandoned) implements ChainEvent {
    @Override
    public Kind kind() {
      return Kind.REORG;
    }
  }

  /**
   * The merge happened (or the chain started straight in PoS): {@code anchorRoot} anchors the PoS chain, slot 0
   * starts at {@code genesisTimeSeconds}, and {@code genesisState} is the PoS genesis state (do not mutate).
   */
  record Merged(Hash32 anchorRoot, long anchorHeight, long genesisTimeSeconds, BeaconState genesisState) implements ChainEvent {
    @Override
    public Kind kind() {
      return Kind.MERGED;
    }
  }

  /**
   * The PoS head moved; {@code ledger} is its accounts and base fee (immutable), what the mempool prunes and admits
   * against.
   */
  record PosHeadChanged(Hash32 root, long slot, Checkpoint justified, Checkpoint finalized, LedgerState ledger) implements ChainEvent {
    @Override
    public Kind kind() {
      return Kind.POS_HEAD;
    }
  }

  record BeaconBlockImported(BeaconBlock block, int fromNode) implements ChainEvent {
    @Override
    public Kind kind() {
      return Kind.BEACON_BLOCK_IMPORTED;
    }
  }

  /**
   * An attestation that passed validation and counts in fork choice; {@code stake} is the voter's effective balance.
   * It travels in an {@link AttestationsImported} (gossip) or a {@link BlockAttestationsImported} (a block's).
   */
  record AttestationImported(Attestation attestation, long stake, int fromNode, boolean fromBlock) {}

  /**
   * Gossiped attestations that passed validation and count in fork choice, in arrival order, all from
   * {@code fromNode} (-1: made by this node's validators): one event per message from a peer, which carries every
   * vote its sender published in one instant, rather than one event per vote.
   */
  record AttestationsImported(int fromNode, List<AttestationImported> attestations) implements ChainEvent {
    public AttestationsImported {
      attestations = List.copyOf(attestations);
    }

    @Override
    public Kind kind() {
      return fromNode < 0 ? Kind.LOCAL_ATTESTATION : Kind.ATTESTATION;
    }
  }

  /**
   * The attestations of an imported block that counted in fork choice, each as an {@link AttestationImported} with
   * {@code fromBlock} set, in block order: one event per block rather than one per attestation, since every node
   * imports every block's attestations.
   */
  record BlockAttestationsImported(Hash32 blockRoot, List<AttestationImported> attestations) implements ChainEvent {
    public BlockAttestationsImported {
      attestations = List.copyOf(attestations);
    }

    @Override
    public Kind kind() {
      return Kind.BLOCK_ATTESTATIONS;
    }
  }

  /** The canonical chain crossed the end of {@code transition.epoch()}; {@code headRoot} is the head it was computed on. */
  record EpochTransitioned(EpochTransition transition, Hash32 headRoot, long headSlot) implements ChainEvent {
    @Override
    public Kind kind() {
      return Kind.EPOCH_TRANSITIONED;
    }
  }

  /**
   * Headers and attestations whose signatures this node verified since the last batch, other than those of imported
   * blocks (which come as {@link BeaconBlockImported}): gossip attestations, including those refused for their source
   * or committee, and the headers of blocks refused after their proposer signed them. Published once per slot, for
   * the slasher (CONSENSUS.md §6). The lists are not copied and never change afterwards.
   */
  record SignedMessagesSeen(List<SignedBeaconBlockHeader> headers, List<Attestation> attestations) implements ChainEvent {
    @Override
    public Kind kind() {
      return Kind.SIGNED_MESSAGES;
    }
  }

  /** A block from {@code fromNode} waits for the unknown beacon block {@code missingRoot}. */
  record BeaconAncestorMissing(Hash32 missingRoot, Hash32 held, int fromNode) implements ChainEvent {
    @Override
    public Kind kind() {
      return Kind.BEACON_ANCESTOR_MISSING;
    }
  }

  /**
   * {@code held} (from {@code fromNode}) is kept as an orphan until {@code missingRoot}, the unknown ancestor at the
   * far end of the orphans behind it, arrives.
   */
  record AncestorMissing(Hash32 missingRoot, Hash32 held, int fromNode) implements ChainEvent {
    @Override
    public Kind kind() {
      return Kind.ANCESTOR_MISSING;
    }
  }
}
