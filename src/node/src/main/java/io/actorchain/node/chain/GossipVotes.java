package io.actorchain.node.chain;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.block.AttestationRejection;
import io.actorchain.core.pos.block.AttestationRules;
import io.actorchain.core.pos.forkchoice.ForkChoiceRejection;
import io.actorchain.core.pos.forkchoice.ForkChoiceStore;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.tx.SignatureCheck;
import io.actorchain.node.NodeContext;
import io.actorchain.node.net.RecentIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The beacon chain's intake of gossiped votes: each new root once, core's gossip validation on the head state at the
 * clock's slot, the slasher's feed, fork choice, a wait for a block the vote names that has not come yet, and one
 * {@link ChainEvent.AttestationsImported} per message for what counted. A plain helper the {@link BeaconChainActor}
 * owns and calls on its own turn.
 */
final class GossipVotes {
  /** Roots remembered for dedupe: room for two epochs of votes from every validator, twice over, within bounds. */
  static final int SEEN_CAPACITY = 1 << 16;
  static final int MIN_SEEN = 4096;
  /** Votes that arrived before a block they name, held until it comes (as Ethereum clients queue them). */
  static final int MAX_WAITING_VOTES = 8192;

  /** What the owning actor provides. */
  interface Chain {
    /** The clock's slot. */
    long currentSlot();

    /** The head state advanced to the clock's slot (read-only). */
    BeaconState headStateNow();

    void publish(ChainEvent e);
  }

  private final NodeContext node;
  private final ConsensusConfig config;
  private final ForkChoiceStore store;
  private final SignatureCheck sigs;
  private final SlashingFeed slashing;
  private final Logger log;
  private final Chain chain;
  private final RecentIds seen;
  private final WaitingVotes waiting = new WaitingVotes(MAX_WAITING_VOTES);
  private long processed;

  GossipVotes(NodeContext node, ConsensusConfig config, ForkChoiceStore store, SignatureCheck sigs,
      SlashingFeed slashing, Logger log, int validatorCount, Chain chain) {
    this.node = node;
    this.config = config;
    this.store = store;
    this.sigs = sigs;
    this.slashing = slashing;
    this.log = log;
    this.chain = chain;
    this.seen = new RecentIds(Math.max(MIN_SEEN, Math.min(SEEN_CAPACITY, 4 * validatorCount)));
  }

  /** How many gossiped votes fork choice took in. */
  long processed() {
    return processed;
  }

  /** Imports the votes of one message not seen before, in order, and publishes those that count as one event. */
  void importMessage(List<Attestation> attestations, int fromNode) {
    List<ChainEvent.AttestationImported> counted = new ArrayList<>(attestations.size());
    for (Attestation a : attestations) {
      if (seen.add(a.root())) {
        process(a, fromNode, counted);
      }
    }
    publish(fromNode, counted);
  }

  /** Block {@code root} came: the votes that waited for it are imported now. */
  void blockArrived(Hash32 root) {
    for (WaitingVotes.Vote v : waiting.release(root)) {
      List<ChainEvent.AttestationImported> counted = new ArrayList<>(1);
      process(v.attestation(), v.fromNode(), counted);
      publish(v.fromNode(), counted);
    }
  }

  /** Votes still waiting for a block and older than {@code slot} can no longer count: they are dropped. */
  void dropWaitingOlderThan(long slot) {
    waiting.dropOlderThan(slot);
  }

  private void publish(int fromNode, List<ChainEvent.AttestationImported> counted) {
    if (!counted.isEmpty()) {
      chain.publish(new ChainEvent.AttestationsImported(fromNode, counted));
    }
  }

  private void process(Attestation a, int fromNode, List<ChainEvent.AttestationImported> counted) {
    BeaconState state = chain.headStateNow();
    Optional<AttestationRejection> bad = AttestationRules.validateForGossip(state, a, chain.currentSlot(), config, sigs);
    if (bad.isPresent()) {
      reject(a, fromNode, bad.get().reason().name(), bad.get().detail());
      slashing.attestationRefused(state, a, bad.get().reason());
      return;
    }
    slashing.attestationVerified(a);
    Optional<ForkChoiceRejection> refused = store.onAttestation(a, false);
    if (refused.isPresent()) {
      Hash32 missing = switch (refused.get().reason()) {
        case UNKNOWN_HEAD_BLOCK -> a.data().headRoot();
        case UNKNOWN_TARGET_BLOCK -> a.data().target().root();
        default -> null;
      };
      if (missing == null || !waiting.hold(missing, a, fromNode)) {
        reject(a, fromNode, "FORK_CHOICE", String.valueOf(refused.get()));
      }
      return;
    }
    processed++;
    long stake = state.validator((int) a.validatorIndex()).effectiveBalance();
    counted.add(new ChainEvent.AttestationImported(a, stake, fromNode, false));
  }

  private void reject(Attestation a, int fromNode, String reason, String detail) {
    log.debug("node {}: reject attestation of validator {} for slot {} from node {}: {} ({})", node.nodeId(),
        a.validatorIndex(), a.data().slot(), fromNode, reason, detail);
    node.emit("attestation_rejected", "validator", a.validatorIndex(), "slot", a.data().slot(), "from", fromNode,
        "reason", reason, "detail", detail);
  }
}
