package io.actorchain.core.conformance;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.MalformedEncodingException;
import io.actorchain.core.pos.model.Checkpoint;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The fields of an SSZ phase0 {@code BeaconState} that epoch processing reads or writes. The rest (fork, latest block
 * header, state roots, historical roots, eth1 data and votes, deposit index) is bounds-checked and skipped.
 * Immutable: arrays are copied in and out.
 *
 * @param justificationBits the {@code Bitvector[4]}: bit i set means "epoch current − i justified"
 */
public record Phase0State(long genesisTime, Hash32 genesisValidatorsRoot, long slot, Hash32[] blockRoots,
    List<Phase0Validator> validators, long[] balances, Hash32[] randaoMixes, long[] slashings,
    List<PendingAttestation> previousEpochAttestations, List<PendingAttestation> currentEpochAttestations,
    int justificationBits, Checkpoint previousJustifiedCheckpoint, Checkpoint currentJustifiedCheckpoint,
    Checkpoint finalizedCheckpoint) {

  private static final int FORK_SIZE = 4 + 4 + 8;
  private static final int BEACON_BLOCK_HEADER_SIZE = 8 + 8 + 32 + 32 + 32;
  private static final int ETH1_DATA_SIZE = 32 + 8 + 32;

  public Phase0State {
    blockRoots = blockRoots.clone();
    validators = List.copyOf(validators);
    balances = balances.clone();
    randaoMixes = randaoMixes.clone();
    slashings = slashings.clone();
    previousEpochAttestations = List.copyOf(previousEpochAttestations);
    currentEpochAttestations = List.copyOf(currentEpochAttestations);
    if (balances.length != validators.size()) {
      throw new MalformedEncodingException("BeaconState: " + validators.size() + " validators but "
          + balances.length + " balances");
    }
    if ((justificationBits & ~0b1111) != 0) {
      throw new MalformedEncodingException("BeaconState.justification_bits: a Bitvector[4] uses 4 bits, got "
          + justificationBits);
    }
  }

  @Override
  public Hash32[] blockRoots() {
    return blockRoots.clone();
  }

  @Override
  public long[] balances() {
    return balances.clone();
  }

  @Override
  public Hash32[] randaoMixes() {
    return randaoMixes.clone();
  }

  @Override
  public long[] slashings() {
    return slashings.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Phase0State p && genesisTime == p.genesisTime && slot == p.slot
        && justificationBits == p.justificationBits && genesisValidatorsRoot.equals(p.genesisValidatorsRoot)
        && Arrays.equals(blockRoots, p.blockRoots) && validators.equals(p.validators)
        && Arrays.equals(balances, p.balances) && Arrays.equals(randaoMixes, p.randaoMixes)
        && Arrays.equals(slashings, p.slashings) && previousEpochAttestations.equals(p.previousEpochAttestations)
        && currentEpochAttestations.equals(p.currentEpochAttestations)
        && previousJustifiedCheckpoint.equals(p.previousJustifiedCheckpoint)
        && currentJustifiedCheckpoint.equals(p.currentJustifiedCheckpoint)
        && finalizedCheckpoint.equals(p.finalizedCheckpoint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(slot, genesisValidatorsRoot, validators, Arrays.hashCode(balances), finalizedCheckpoint);
  }

  /** The current epoch: {@code slot // SLOTS_PER_EPOCH}, unsigned. */
  public long currentEpoch(long slotsPerEpoch) {
    return Long.divideUnsigned(slot, slotsPerEpoch);
  }

  /**
   * Decodes one uncompressed SSZ phase0 {@code BeaconState} whose vector lengths and list limits are
   * {@code preset}'s; any truncation, bad offset, over-long list or trailing byte is a
   * {@link MalformedEncodingException} naming the field.
   */
  public static Phase0State decode(byte[] ssz, Phase0Preset preset) {
    SszReader r = SszReader.of(ssz, "BeaconState");
    long genesisTime = r.u64("genesis_time");
    Hash32 genesisValidatorsRoot = r.bytes32("genesis_validators_root");
    long slot = r.u64("slot");
    r.skip(FORK_SIZE, "fork");
    r.skip(BEACON_BLOCK_HEADER_SIZE, "latest_block_header");
    Hash32[] blockRoots = r.bytes32Vector(preset.slotsPerHistoricalRoot(), "block_roots");
    r.skip(Math.multiplyExact(preset.slotsPerHistoricalRoot(), Hash32.WIDTH), "state_roots");
    int historicalRoots = r.offset("historical_roots");
    r.skip(ETH1_DATA_SIZE, "eth1_data");
    int eth1DataVotes = r.offset("eth1_data_votes");
    r.u64("eth1_deposit_index");
    int validators = r.offset("validators");
    int balances = r.offset("balances");
    Hash32[] randaoMixes = r.bytes32Vector(preset.epochsPerHistoricalVector(), "randao_mixes");
    long[] slashings = r.u64Vector(preset.epochsPerSlashingsVector(), "slashings");
    int previousAttestations = r.offset("previous_epoch_attestations");
    int currentAttestations = r.offset("current_epoch_attestations");
    int justificationBits = r.u8("justification_bits");
    Checkpoint previousJustified = PendingAttestation.checkpoint(r, "previous_justified_checkpoint");
    Checkpoint currentJustified = PendingAttestation.checkpoint(r, "current_justified_checkpoint");
    Checkpoint finalized = PendingAttestation.checkpoint(r, "finalized_checkpoint");
    r.expectEndOfFixedPart();

    r.part(historicalRoots).fixedList(Hash32.WIDTH, preset.get("HISTORICAL_ROOTS_LIMIT"), x -> {
      x.skip(Hash32.WIDTH, "root");
      return null;
    });
    r.part(eth1DataVotes).fixedList(ETH1_DATA_SIZE, preset.eth1DataVotesLimit(), x -> {
      x.skip(ETH1_DATA_SIZE, "eth1_data");
      return null;
    });
    long registryLimit = preset.get("VALIDATOR_REGISTRY_LIMIT");
    long committeeLimit = preset.get("MAX_VALIDATORS_PER_COMMITTEE");
    long attestationsLimit = preset.pendingAttestationsLimit();
    return new Phase0State(genesisTime, genesisValidatorsRoot, slot, blockRoots,
        r.part(validators).fixedList(Phase0Validator.SSZ_SIZE, registryLimit, Phase0Validator::read),
        r.part(balances).u64List(registryLimit), randaoMixes, slashings,
        r.part(previousAttestations).variableList(attestationsLimit, a -> PendingAttestation.read(a, committeeLimit)),
        r.part(currentAttestations).variableList(attestationsLimit, a -> PendingAttestation.read(a, committeeLimit)),
        justificationBits, previousJustified, currentJustified, finalized);
  }
}
