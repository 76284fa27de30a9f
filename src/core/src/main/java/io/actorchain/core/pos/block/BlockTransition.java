package io.actorchain.core.pos.block;

import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.Signature;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.epoch.EpochTransition;
import io.actorchain.core.pos.epoch.SlotProcessing;
import io.actorchain.core.pos.misc.Accessors;
import io.actorchain.core.pos.misc.Mutators;
import io.actorchain.core.pos.misc.Proposers;
import io.actorchain.core.pos.misc.Seeds;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.BeaconBlockHeader;
import io.actorchain.core.pos.model.ProposerSlashing;
import io.actorchain.core.pos.slashing.SlashingRejection;
import io.actorchain.core.pos.slashing.SlashingRules;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.state.Accounts;
import io.actorchain.core.tx.Fees;
import io.actorchain.core.tx.SignatureCheck;
import io.actorchain.core.tx.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps of CONSENSUS.md §5.4 on one working state, shared by {@link BlockProcessing} (stop at the first rejection)
 * and {@link BlockProduction} (skip rejected candidates). Every operation step validates fully before it changes the
 * state, so a rejected operation leaves the state as it was. Mutable; used inside one call.
 */
final class BlockTransition {
  /** {@code (WEIGHT_DENOMINATOR − PROPOSER_WEIGHT) × WEIGHT_DENOMINATOR // PROPOSER_WEIGHT} = 448. */
  static final long PROPOSER_REWARD_DENOMINATOR = (ConsensusConfig.WEIGHT_DENOMINATOR - ConsensusConfig.PROPOSER_WEIGHT)
      * ConsensusConfig.WEIGHT_DENOMINATOR / ConsensusConfig.PROPOSER_WEIGHT;

  final BeaconState state;
  final ConsensusConfig config;
  final SignatureCheck sigs;
  private final boolean trace;
  final List<EpochTransition> transitions = new ArrayList<>();
  final List<SlashingApplied> slashings = new ArrayList<>();
  private int proposer = -1;
  private long baseRewardPerIncrement = -1;
  private TransactionProcessing txs;

  /** Works on {@code state} itself: pass a copy. {@code trace} asks epoch processing for per-validator traces. */
  BlockTransition(BeaconState state, ConsensusConfig config, SignatureCheck sigs, boolean trace) {
    this.state = state;
    this.config = config;
    this.sigs = sigs;
    this.trace = trace;
  }

  int proposer() {
    return proposer;
  }

  /**
   * Step 1: the block's slot is after the latest block's (the anchor counts as slot 0) and not before the state's;
   * then the state goes through the empty slots up to it, running epoch processing at each epoch's last slot.
   */
  Optional<BlockRejection> advance(long slot) {
    BeaconBlockHeader latest = state.latestBlockHeader();
    long latestSlot = latest == null ? 0 : latest.slot();
    if (slot < 0 || slot <= latestSlot || slot < state.slot()) {
      return reject(BlockInvalidReason.SLOT_NOT_AFTER_PARENT, "slot " + Long.toUnsignedString(slot)
          + ", parent block slot " + latestSlot + ", parent state slot " + state.slot());
    }
    if (slot > state.slot()) {
      transitions.addAll(SlotProcessing.processSlots(state, slot, config, trace));
    }
    return Optional.empty();
  }

  /** The proposer of the state's slot (after {@link #advance}). */
  int expectedProposer() {
    return Proposers.beaconProposerIndex(state, state.slot(), config);
  }

  /**
   * Step 2 without the signature (Ethereum's {@code process_block_header}): the proposer is the slot's and is not
   * slashed, the parent root is the latest block's; then the latest block header becomes this one with a zero state
   * root, which the next slot transition fills in.
   */
  Optional<BlockRejection> processBlockHeader(BeaconBlockHeader h) {
    int expected = expectedProposer();
    if (h.proposerIndex() != expected) {
      return reject(BlockInvalidReason.WRONG_PROPOSER,
          "proposer " + Long.toUnsignedString(h.proposerIndex()) + ", slot " + h.slot() + " belongs to " + expected);
    }
    if (state.validator(expected).slashed()) {
      return reject(BlockInvalidReason.PROPOSER_SLASHED, "proposer " + expected);
    }
    if (!h.parentRoot().equals(state.latestBlockRoot())) {
      return reject(BlockInvalidReason.PARENT_ROOT_MISMATCH,
          "parent root " + h.parentRoot().shortHex() + ", latest block " + state.latestBlockRoot().shortHex());
    }
    proposer = expected;
    state.setLatestBlockHeader(new BeaconBlockHeader(h.slot(), h.proposerIndex(), h.parentRoot(), Hash32.ZERO,
        h.bodyRoot()));
    return Optional.empty();
  }

  /** {@code H(u64le(epoch))}: what a RANDAO reveal signs. */
  static Hash32 randaoSigningRoot(long epoch) {
    return Sha256.hash(new CanonicalWriter(8).u64le(epoch).toByteArray());
  }

  /** Step 3: the reveal verifies; then {@code randaoMixes[epoch % V] = randaoMix(epoch) XOR H(reveal)}. */
  Optional<BlockRejection> processRandao(Signature reveal) {
    long epoch = Accessors.currentEpoch(state, config);
    var key = state.validator(proposer).pubkey();
    if (!sigs.verify(key, Domain.RANDAO, randaoSigningRoot(epoch), reveal)) {
      return reject(BlockInvalidReason.BAD_RANDAO_REVEAL, "epoch " + epoch + ", proposer " + proposer);
    }
    Hash32 mix = Seeds.randaoMix(state, epoch, config).xor(Sha256.hash(reveal.toArray()));
    state.setRandaoMixAt(Seeds.mixIndex(epoch, config), mix);
    return Optional.empty();
  }

  /** Step 4, one proposer slashing: valid evidence, then {@code slashValidator(v, whistleblower = proposer)}. */
  Optional<SlashingRejection> processProposerSlashing(ProposerSlashing s) {
    Optional<SlashingRejection> invalid = SlashingRules.validateProposerSlashing(state, s, config, sigs);
    if (invalid.isEmpty()) {
      slash((int) s.h1().header().proposerIndex(), SlashingApplied.DOUBLE_PROPOSAL);
    }
    return invalid;
  }

  /** Step 4, one attester slashing: valid evidence, then {@code slashValidator(v, whistleblower = proposer)}. */
  Optional<SlashingRejection> processAttesterSlashing(AttesterSlashing s) {
    Optional<SlashingRejection> invalid = SlashingRules.validateAttesterSlashing(state, s, config, sigs);
    if (invalid.isEmpty()) {
      slash((int) s.a1().validatorIndex(), SlashingRules.kindOf(s));
    }
    return invalid;
  }

  private void slash(int index, String kind) {
    var applied = Mutators.slashValidator(state, index, proposer, proposer, config);
    slashings.add(new SlashingApplied(index, kind, applied.penalty(), proposer, applied.whistleblowerReward(),
        applied.proposerReward()));
  }

  /**
   * Step 5, one attestation (Ethereum Altair's {@code process_attestation}): valid, then each flag it earns that is not
   * yet set in the participation of the target's epoch is set, and the proposer is paid
   * {@code Σ baseReward(v) × weight // 448} over those flags. Ethereum pays per attestation, so the floor division is
   * per attestation too.
   */
  Optional<AttestationRejection> processAttestation(Attestation a) {
    Optional<AttestationRejection> invalid = AttestationRules.validateForBlock(state, a, config, sigs);
    if (invalid.isEmpty()) {
      applyAttestation(a);
    }
    return invalid;
  }

  /** The effects of step 5 for an attestation that {@link AttestationRules#validateForBlock} accepted on this state. */
  void applyAttestation(Attestation a) {
    int v = (int) a.validatorIndex();
    int newFlags = newFlags(a);
    boolean current = a.data().target().epoch() == Accessors.currentEpoch(state, config);
    int flags = current ? state.currentEpochParticipation(v) : state.previousEpochParticipation(v);
    if (current) {
      state.setCurrentEpochParticipation(v, flags | newFlags);
    } else {
      state.setPreviousEpochParticipation(v, flags | newFlags);
    }
    state.increaseBalance(proposer, proposerRewardNumerator(v, newFlags) / PROPOSER_REWARD_DENOMINATOR);
  }

  /**
   * The flags {@code a} would set now: those it earns at this slot minus those already set. The attestation must have
   * a target epoch that is the current or previous one and be inside its inclusion window.
   */
  int newFlags(Attestation a) {
    AttestationData d = a.data();
    int v = (int) a.validatorIndex();
    int earned = AttestationRules.participationFlags(state, d, state.slot(), config);
    boolean current = d.target().epoch() == Accessors.currentEpoch(state, config);
    int flags = current ? state.currentEpochParticipation(v) : state.previousEpochParticipation(v);
    return earned & ~flags;
  }

  /** {@code Σ baseReward(v) × weight} over {@code flags}. */
  long proposerRewardNumerator(int v, int flags) {
    if (baseRewardPerIncrement < 0) {
      baseRewardPerIncrement = Accessors.baseRewardPerIncrement(state, config);
    }
    long baseReward = Accessors.baseReward(state, v, baseRewardPerIncrement, config);
    long numerator = 0;
    for (int f = 0; f < ConsensusConfig.PARTICIPATION_FLAG_WEIGHTS.length; f++) {
      if (Accessors.hasFlag(flags, f)) {
        numerator = Math.addExact(numerator,
            Math.multiplyExact(baseReward, ConsensusConfig.PARTICIPATION_FLAG_WEIGHTS[f]));
      }
    }
    return numerator;
  }

  /** Step 6, one transaction: valid against the state so far, then applied. Returns the reason it is invalid. */
  Optional<String> processTransaction(Transaction tx) {
    if (txs == null) {
      txs = new TransactionProcessing(state, config, sigs, state.validator(proposer).pubkey().address());
    }
    return txs.apply(tx);
  }

  /**
   * The end of steps 6 and 7: tips go to the proposer's account, the accounts and the next base fee
   * ({@code Fees.nextBaseFee} of the number of transactions) are stored, and {@code PROPOSER_BLOCK_REWARD} is paid to
   * the proposer's balance.
   */
  void finish() {
    int count = 0;
    if (txs != null) {
      count = txs.count();
      Accounts accounts = txs.finish();
      state.setAccounts(accounts);
    }
    state.setBaseFee(Fees.nextBaseFee(state.baseFee(), count));
    if (config.proposerBlockReward() > 0) {
      state.increaseBalance(proposer, config.proposerBlockReward());
    }
  }

  private static Optional<BlockRejection> reject(BlockInvalidReason reason, String detail) {
    return Optional.of(new BlockRejection(reason, detail));
  }
}
