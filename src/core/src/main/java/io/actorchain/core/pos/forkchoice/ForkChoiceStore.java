package io.actorchain.core.pos.forkchoice;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.epoch.SlotProcessing;
import io.actorchain.core.pos.misc.Accessors;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.state.BeaconState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fork-choice store (CONSENSUS.md §5.6): LMD-GHOST over the justified checkpoint, with proposer boost and the
 * viability filter, as Ethereum's phase0/Altair fork choice without unrealized justification. Mutable, single owner.
 *
 * <p>It holds every block since the finalized one with its post-state; when finality advances, branches that do not
 * descend from the finalized block are dropped, and the finalized chain's older blocks are kept without their states
 * (so {@link #block} still serves them to syncing peers, while {@link #state} is empty for them).
 *
 * <p>Weights come from the justified checkpoint's state: the justified block's post-state advanced to the checkpoint's
 * start slot (Ethereum's {@code checkpoint_states}), counting the effective balance of validators active at its epoch,
 * unslashed and not equivocating. {@link #getHead()} computes all weights in one pass over the latest messages and one
 * pass up the tree: {@code O(validators + blocks)}.
 */
public final class ForkChoiceStore {
  private final ConsensusConfig config;
  private final BlockTree tree;
  private final LatestMessages messages = new LatestMessages();
  private final TreeMap<Long, List<Attestation>> pending = new TreeMap<>(); // by data.slot, until it is past
  private Checkpoint justified;
  private Checkpoint finalized;
  private long[] justifiedBalances;
  /**
   * The summed {@link #justifiedBalances} of the latest messages per voted root, kept as messages change and rebuilt
   * when the balances do, so that {@link #getHead()} adds a few roots instead of every validator. Lookups and
   * order-free sums only.
   */
  private final Map<Hash32, Long> voteWeights = new HashMap<>();
  private long proposerBoostAmount;
  private Hash32 proposerBoostRoot; // null when no block of the current slot earned it
  private long currentSlot;
  private long millisIntoSlot;

  /**
   * The store of Ethereum's {@code get_forkchoice_store}: the anchor (the terminal PoW block at the merge) with its
   * state; justified and finalized are {@code Checkpoint(epoch(anchorState.slot), anchorRoot)}. The store keeps
   * {@code anchorState} itself: pass a copy.
   */
  public ForkChoiceStore(Hash32 anchorRoot, BeaconState anchorState, ConsensusConfig config) {
    this.config = config;
    this.tree = new BlockTree(new BlockNode(anchorRoot, anchorState.slot(), null, anchorState, null));
    this.justified = new Checkpoint(config.epochOf(anchorState.slot()), anchorRoot);
    this.finalized = justified;
    this.currentSlot = anchorState.slot();
    updateJustifiedBalances();
  }

  // --- events ---

  /**
   * The clock: at a new slot the proposer boost is cleared and attestations waiting for their slot to pass are
   * counted. A slot earlier than the current one is ignored.
   */
  public void onTick(long slot, long millisIntoSlot) {
    if (slot < currentSlot) {
      return;
    }
    if (slot > currentSlot) {
      currentSlot = slot;
      proposerBoostRoot = null;
      while (!pending.isEmpty() && pending.firstKey() < currentSlot) {
        for (Attestation a : pending.pollFirstEntry().getValue()) {
          onAttestation(a, false);
        }
      }
    }
    this.millisIntoSlot = millisIntoSlot;
  }

  /**
   * The preconditions of {@code onBlock} that do not need the post-state: the parent is known, the slot is not after
   * the current slot, it is after the finalized checkpoint's start slot, and the block descends from the finalized
   * root. Call it before block processing so that a block from the far future is not processed at all.
   */
  public Optional<ForkChoiceRejection> checkBlock(BeaconBlock b) {
    BlockNode parent = tree.node(b.parentRoot());
    if (parent == null) {
      return reject(ForkChoiceInvalidReason.UNKNOWN_PARENT, "parent " + b.parentRoot().shortHex());
    }
    if (Long.compareUnsigned(b.slot(), currentSlot) > 0) {
      return reject(ForkChoiceInvalidReason.FUTURE_SLOT,
          "slot " + Long.toUnsignedString(b.slot()) + ", current slot " + currentSlot);
    }
    long finalizedSlot = config.startSlot(finalized.epoch());
    if (b.slot() <= finalizedSlot) {
      return reject(ForkChoiceInvalidReason.NOT_AFTER_FINALIZED,
          "slot " + b.slot() + ", finalized start slot " + finalizedSlot);
    }
    Hash32 ancestor = BlockTree.ancestorAt(parent, finalizedSlot).root;
    if (!ancestor.equals(finalized.root())) {
      return reject(ForkChoiceInvalidReason.NOT_DESCENDANT_OF_FINALIZED,
          "ancestor at slot " + finalizedSlot + " is " + ancestor.shortHex() + ", finalized " + finalized);
    }
    return Optional.empty();
  }

  /**
   * Adds {@code b} with the post-state the caller computed with {@code BlockProcessing} (the store keeps it: pass one
   * nobody else changes). After {@link #checkBlock}'s preconditions: a newer justified or finalized checkpoint in the
   * post-state is taken, and a block of the current slot that arrived before the attestation deadline
   * ({@code SECONDS_PER_SLOT / 3}) becomes the slot's boost root if it is the first such block (as Ethereum); the
   * offenders of its attester slashings become equivocating. A block already known is a no-op.
   */
  public Optional<ForkChoiceRejection> onBlock(BeaconBlock b, BeaconState postState,
      boolean arrivedBeforeAttestationDeadline) {
    if (tree.node(b.root()) != null) {
      return Optional.empty();
    }
    Optional<ForkChoiceRejection> refused = checkBlock(b);
    if (refused.isPresent()) {
      return refused;
    }
    tree.add(new BlockNode(b.root(), b.slot(), b, postState, tree.node(b.parentRoot())));
    if (b.slot() == currentSlot && arrivedBeforeAttestationDeadline && proposerBoostRoot == null) {
      proposerBoostRoot = b.root();
    }
    boolean newJustified = postState.currentJustified().epoch() > justified.epoch();
    if (newJustified) {
      justified = postState.currentJustified();
    }
    if (postState.finalized().epoch() > finalized.epoch()) {
      finalized = postState.finalized();
      if (!newJustified && !descendsFromFinalized(justified.root())) {
        // A gap in CONSENSUS.md filled as Ethereum's phase0 on_block does: a justified checkpoint on a branch the new
        // finalized one leaves out (possible only when conflicting checkpoints were finalized, i.e. at least a third
        // of the stake equivocated) gives way to the block's own, or the head could never leave the dead branch.
        justified = postState.currentJustified();
        newJustified = true;
      }
      tree.pruneTo(finalized.root());
    }
    if (newJustified) {
      updateJustifiedBalances();
    }
    // The offenders of the block's attester slashings lose their weight (block processing has checked the evidence).
    for (AttesterSlashing s : b.body().attesterSlashings()) {
      onAttesterSlashing(List.of((int) s.offender()));
    }
    return Optional.empty();
  }

  /**
   * An attestation from gossip or from a block. It must have a target epoch that is the current or previous one by
   * the clock (gossip only: as Ethereum, an attestation in a block skips this, so that blocks imported late still
   * count), equal to the epoch of its slot; known target and head blocks; {@code head.slot ≤ data.slot}; and the
   * target root must be the head's ancestor at the target's start slot. It counts from {@code data.slot + 1} on: until
   * then it waits (and the answer is empty). Then, unless the validator is equivocating, it replaces the validator's
   * latest message if its target epoch is newer.
   */
  public Optional<ForkChoiceRejection> onAttestation(Attestation a, boolean fromBlock) {
    AttestationData d = a.data();
    long targetEpoch = d.target().epoch();
    if (!fromBlock) {
      long current = config.epochOf(currentSlot);
      long previous = current == 0 ? 0 : current - 1;
      if (Long.compareUnsigned(targetEpoch, current) > 0) {
        return reject(ForkChoiceInvalidReason.FUTURE_TARGET,
            "target epoch " + Long.toUnsignedString(targetEpoch) + ", current epoch " + current);
      }
      if (targetEpoch < previous) {
        return reject(ForkChoiceInvalidReason.TARGET_EPOCH_TOO_OLD,
            "target epoch " + targetEpoch + ", previous epoch " + previous);
      }
    }
    if (config.epochOf(d.slot()) != targetEpoch) {
      return reject(ForkChoiceInvalidReason.TARGET_EPOCH_NOT_SLOT_EPOCH,
          "target epoch " + Long.toUnsignedString(targetEpoch) + ", slot " + Long.toUnsignedString(d.slot()));
    }
    if (tree.node(d.target().root()) == null) {
      return reject(ForkChoiceInvalidReason.UNKNOWN_TARGET_BLOCK, "target " + d.target());
    }
    BlockNode head = tree.node(d.headRoot());
    if (head == null) {
      return reject(ForkChoiceInvalidReason.UNKNOWN_HEAD_BLOCK, "head " + d.headRoot().shortHex());
    }
    if (Long.compareUnsigned(head.slot, d.slot()) > 0) {
      return reject(ForkChoiceInvalidReason.HEAD_AFTER_ATTESTATION_SLOT,
          "head slot " + head.slot + ", attestation slot " + d.slot());
    }
    Hash32 checkpointBlock = BlockTree.ancestorAt(head, config.startSlot(targetEpoch)).root;
    if (!checkpointBlock.equals(d.target().root())) {
      return reject(ForkChoiceInvalidReason.TARGET_NOT_ANCESTOR_OF_HEAD, "target " + d.target()
          + ", head's ancestor at the epoch start is " + checkpointBlock.shortHex());
    }
    if (a.validatorIndex() < 0 || a.validatorIndex() >= head.state.validatorCount()) {
      return reject(ForkChoiceInvalidReason.UNKNOWN_VALIDATOR, "validator index "
          + Long.toUnsignedString(a.validatorIndex()) + ", registry size " + head.state.validatorCount());
    }
    if (Long.compareUnsigned(currentSlot, d.slot()) <= 0) {
      pending.computeIfAbsent(d.slot(), s -> new ArrayList<>()).add(a);
      return Optional.empty();
    }
    int v = (int) a.validatorIndex();
    Hash32 previous = messages.root(v);
    if (messages.update(v, targetEpoch, d.headRoot())) {
      moveVote(v, previous, d.headRoot());
    }
    return Optional.empty();
  }

  /** The validators of valid attester-slashing evidence are equivocating: their weight is removed from every block. */
  public void onAttesterSlashing(Collection<Integer> indices) {
    for (int v : indices) {
      Hash32 previous = messages.root(v);
      messages.markEquivocating(v);
      moveVote(v, previous, null);
    }
  }

  /** Moves validator {@code v}'s justified balance from root {@code from} to root {@code to} (either may be null). */
  private void moveVote(int v, Hash32 from, Hash32 to) {
    long balance = v < justifiedBalances.length ? justifiedBalances[v] : 0;
    if (balance == 0) {
      return;
    }
    if (from != null) {
      long left = voteWeights.get(from) - balance;
      if (left == 0) {
        voteWeights.remove(from);
      } else {
        voteWeights.put(from, left);
      }
    }
    if (to != null) {
      voteWeights.merge(to, balance, Long::sum);
    }
  }

  private void rebuildVoteWeights() {
    voteWeights.clear();
    int counted = Math.min(messages.size(), justifiedBalances.length);
    for (int v = 0; v < counted; v++) {
      Hash32 root = messages.root(v);
      if (root != null && justifiedBalances[v] > 0) {
        voteWeights.merge(root, justifiedBalances[v], Long::sum);
      }
    }
  }

  // --- the head ---

  /**
   * LMD-GHOST from the justified root: among the viable children, the one with the greatest weight, ties to the
   * lexicographically greater root, until a block has none. A branch is viable if one of its leaves has a post-state
   * whose {@code currentJustified} is the store's (or the store's is at epoch 0) and whose {@code finalized} is the
   * store's (or the store's is at epoch 0). The proposer boost, {@code totalActiveBalance // SLOTS_PER_EPOCH ×
   * PROPOSER_SCORE_BOOST // 100} of the justified checkpoint's state, is added to the boost root and its ancestors.
   */
  public Hash32 getHead() {
    List<BlockNode> order = tree.nodes();
    int n = order.size();
    long[] weight = new long[n];
    for (Map.Entry<Hash32, Long> vote : voteWeights.entrySet()) { // sums: the order does not matter
      BlockNode node = tree.node(vote.getKey());
      if (node != null) {
        weight[node.index] += vote.getValue();
      }
    }
    BlockNode boosted = proposerBoostRoot == null ? null : tree.node(proposerBoostRoot);
    if (boosted != null) {
      weight[boosted.index] += proposerBoostAmount;
    }
    boolean[] viable = new boolean[n];
    for (int i = n - 1; i >= 0; i--) {
      BlockNode node = order.get(i);
      if (node.children.isEmpty()) {
        viable[i] = isViableLeaf(node);
      }
      if (node.parent != null) {
        weight[node.parent.index] += weight[i];
        viable[node.parent.index] |= viable[i];
      }
    }
    BlockNode head = tree.node(justified.root());
    if (head == null) {
      head = order.get(0);
    }
    while (true) {
      BlockNode best = null;
      for (BlockNode child : head.children) {
        if (viable[child.index] && (best == null || weight[child.index] > weight[best.index]
            || (weight[child.index] == weight[best.index] && child.root.compareTo(best.root) > 0))) {
          best = child;
        }
      }
      if (best == null) {
        return head.root;
      }
      head = best;
    }
  }

  private boolean descendsFromFinalized(Hash32 root) {
    BlockNode node = tree.node(root);
    return node != null && BlockTree.ancestorAt(node, config.startSlot(finalized.epoch())).root.equals(finalized.root());
  }

  private boolean isViableLeaf(BlockNode leaf) {
    boolean correctJustified = justified.epoch() == 0 || leaf.justified.equals(justified);
    boolean correctFinalized = finalized.epoch() == 0 || leaf.finalized.equals(finalized);
    return correctJustified && correctFinalized;
  }

  // --- queries ---

  public Checkpoint justified() {
    return justified;
  }

  public Checkpoint finalized() {
    return finalized;
  }

  public long currentSlot() {
    return currentSlot;
  }

  /** The milliseconds into the current slot at the last tick. */
  public long millisIntoSlot() {
    return millisIntoSlot;
  }

  /** This slot's boost root, if a timely block earned it. */
  public Optional<Hash32> proposerBoostRoot() {
    return Optional.ofNullable(proposerBoostRoot);
  }

  /** True for every block the store holds, including the anchor and the finalized chain's pruned blocks. */
  public boolean contains(Hash32 root) {
    return tree.contains(root);
  }

  /** The block with {@code root}; empty for the anchor (a PoW block) and unknown roots. */
  public Optional<BeaconBlock> block(Hash32 root) {
    return Optional.ofNullable(tree.block(root));
  }

  /** A copy of the post-state of block {@code root}; empty if unknown or pruned (before the finalized block). */
  public Optional<BeaconState> state(Hash32 root) {
    BlockNode node = tree.node(root);
    return node == null ? Optional.empty() : Optional.of(node.state.copy());
  }

  /**
   * The store's own post-state of block {@code root}, without copying: read-only, for hot paths such as gossip
   * validation. Changing it corrupts the store.
   */
  public Optional<BeaconState> sharedState(Hash32 root) {
    BlockNode node = tree.node(root);
    return node == null ? Optional.empty() : Optional.of(node.state);
  }

  /** Whether validator {@code v}'s weight is removed as equivocating. */
  public boolean isEquivocating(int v) {
    return messages.isEquivocating(v);
  }

  /** Validator {@code v}'s latest message as {@code Checkpoint(target epoch, head root)}, if it has one. */
  public Optional<Checkpoint> latestMessage(int v) {
    long epoch = messages.epoch(v);
    return epoch < 0 ? Optional.empty() : Optional.of(new Checkpoint(epoch, messages.root(v)));
  }

  /**
   * {@code get_ancestor}: the root of the latest block at or before {@code slot} on {@code root}'s chain ({@code root}
   * itself if its slot is ≤ {@code slot}). Below the oldest block held (the anchor) it answers the oldest block.
   *
   * @throws IllegalArgumentException if {@code root} is unknown
   */
  public Hash32 ancestorAt(Hash32 root, long slot) {
    return tree.ancestorAt(root, slot);
  }

  /**
   * The number of blocks on {@code oldHead}'s branch that {@code newHead}'s chain does not contain: 0 when the new head
   * extends the old one (or the old head is the anchor).
   */
  public int reorgDepth(Hash32 oldHead, Hash32 newHead) {
    int depth = 0;
    Hash32 r = oldHead;
    for (BeaconBlock b = tree.block(r); b != null; b = tree.block(r)) {
      if (tree.ancestorAt(newHead, b.slot()).equals(r)) {
        break;
      }
      depth++;
      r = b.parentRoot();
    }
    return depth;
  }

  // --- upkeep ---

  /** Balances and boost from the justified checkpoint's state; kept as they were if its block is not held. */
  private void updateJustifiedBalances() {
    BlockNode node = tree.node(justified.root());
    if (node == null) {
      if (justifiedBalances == null) {
        justifiedBalances = new long[0];
      }
      return;
    }
    BeaconState s = node.state;
    long startSlot = config.startSlot(justified.epoch());
    if (s.slot() < startSlot) {
      s = s.copy();
      SlotProcessing.processSlots(s, startSlot, config, false);
    }
    long epoch = Accessors.currentEpoch(s, config);
    long[] balances = new long[s.validatorCount()];
    for (int v = 0; v < balances.length; v++) {
      Validator val = s.validator(v);
      balances[v] = val.isActive(epoch) && !val.slashed() ? val.effectiveBalance() : 0;
    }
    justifiedBalances = balances;
    rebuildVoteWeights();
    proposerBoostAmount = Accessors.totalActiveBalance(s, config) / config.slotsPerEpoch()
        * config.proposerScoreBoost() / 100;
  }

  private static Optional<ForkChoiceRejection> reject(ForkChoiceInvalidReason reason, String detail) {
    return Optional.of(new ForkChoiceRejection(reason, detail));
  }
}
