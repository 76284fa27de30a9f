package io.actorchain.node.chain;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.model.SlashingEvidence;
import io.actorchain.core.pos.slashing.SlashingRejection;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.node.net.LocalOnly;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/** The proof-of-stake side of ChainActor's protocol (CONSENSUS.md §4–§5), used once the chain has merged. */
public final class PosCommand {
  private PosCommand() {}

  /** Import a beacon block; {@code fromNode} is -1 when produced on this node. */
  public record ImportBeaconBlock(BeaconBlock block, int fromNode) implements ChainActor.Command {}

  /** Import one validator's vote; {@code fromNode} is -1 when made on this node. */
  public record ImportAttestation(Attestation attestation, int fromNode) implements ChainActor.Command {}

  /** Import the votes of one message from node {@code fromNode}, in order. */
  public record ImportAttestations(List<Attestation> attestations, int fromNode) implements ChainActor.Command {
    public ImportAttestations {
      attestations = List.copyOf(attestations);
    }
  }

  /** The slot clock: slot {@code slot} has started. */
  public record SlotTick(long slot) implements ChainActor.Command {}

  /** The head and its state advanced to {@code slot}, for duties. */
  public record GetSlotContext(long slot, ActorRef<SlotContext> replyTo) implements ChainActor.Command {}

  /**
   * The head and its state advanced to {@code slot}. The state is shared with the chain (and with the other nodes of
   * this JVM): read-only; core's producers copy it before they change anything.
   */
  public record SlotContext(long slot, Hash32 headRoot, BeaconState advancedState) implements LocalOnly {}

  public record ServeBeaconBlocks(Hash32 root, int max, int forNode, ActorRef<BeaconBlocksFound> replyTo)
      implements ChainActor.Command {}

  public record BeaconBlocksFound(List<BeaconBlock> blocks, int forNode) implements LocalOnly {}

  public record GetPosStatus(ActorRef<PosStatus> replyTo) implements ChainActor.Command {}

  /**
   * The node's PoS view; {@code headState} is a copy. {@code attestationsProcessed} counts the attestations fork choice
   * took in, from gossip and from blocks.
   */
  public record PosStatus(long currentSlot, Hash32 headRoot, long headSlot, Checkpoint justified, Checkpoint finalized,
      BeaconState headState, long attestationsProcessed) implements LocalOnly {}

  /** Start the PoS chain from the PoW genesis block now ({@code node --pos}, {@code consensus = pos}). */
  public enum StartPos implements ChainActor.Command { INSTANCE }

  /** Merge at this PoW height (the {@code merge} command); ignored once merged. */
  public record MergeAt(long height) implements ChainActor.Command {}

  /**
   * Slashing evidence the slasher has not seen before ({@code fromNode} -1 when it found it itself): verify that it
   * proves an offence (CONSENSUS.md §6) and, if it is an attester slashing, exclude the offender's weight from fork
   * choice at once (§5.6 {@code onAttesterSlashing}).
   */
  public record VerifyEvidence(SlashingEvidence evidence, int fromNode, ActorRef<EvidenceVerdict> replyTo)
      implements ChainActor.Command {}

  /**
   * The answer to {@link VerifyEvidence}: empty {@code rejection} if the evidence is true; {@code equivocating} says
   * whether fork choice now leaves the offender's weight out.
   */
  public record EvidenceVerdict(SlashingEvidence evidence, int fromNode, Optional<SlashingRejection> rejection,
      boolean equivocating) implements LocalOnly {}

  /**
   * Advance the head state to {@code slot} and publish the epoch transitions that crosses (the end of a
   * simulation), then reply.
   */
  public record AdvanceHeadTo(long slot, ActorRef<PosStatus> replyTo) implements ChainActor.Command {}
}
