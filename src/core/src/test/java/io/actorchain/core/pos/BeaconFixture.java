package io.actorchain.core.pos;

import io.actorchain.core.TestKeys;
import io.actorchain.core.Units;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Keys;
import io.actorchain.core.crypto.PubKey;
import io.actorchain.core.crypto.SigningKey;
import io.actorchain.core.pos.block.AttestationProduction;
import io.actorchain.core.pos.block.BlockProcessing;
import io.actorchain.core.pos.block.BlockProduction;
import io.actorchain.core.pos.epoch.PosGenesis;
import io.actorchain.core.pos.epoch.PosGenesis.GenesisValidator;
import io.actorchain.core.pos.epoch.SlotProcessing;
import io.actorchain.core.pos.misc.Committees;
import io.actorchain.core.pos.misc.Proposers;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.state.Account;
import io.actorchain.core.state.Accounts;
import io.actorchain.core.tx.SignatureCheck;
import io.actorchain.core.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Small PoS states and honest blocks for the block, fork-choice and slashing tests: {@code n} validators of 32 coins
 * each with deterministic keys, a genesis from {@link PosGenesis}, and helpers that produce blocks and attestations
 * the honest way (CONSENSUS.md §5.7).
 */
public final class BeaconFixture {
  public static final ConsensusConfig MINIMAL = ConsensusConfig.minimal();
  public static final long STAKE = Units.coins(32);
  public static final Hash32 TERMINAL = Sha256.hash("terminal".getBytes(StandardCharsets.UTF_8));
  public static final long ALICE_FUNDS = Units.coins(1000);
  private static final int MAX_VALIDATORS = 64;
  private static final List<SigningKey> KEYS = new ArrayList<>();
  private static final Map<PubKey, SigningKey> BY_PUBKEY = new HashMap<>(); // lookups only

  private BeaconFixture() {}

  public static synchronized SigningKey key(int i) {
    if (i >= MAX_VALIDATORS) {
      throw new IllegalArgumentException("the fixture has keys for " + MAX_VALIDATORS + " validators");
    }
    while (KEYS.size() <= i) {
      SigningKey k = Keys.fromName(TestKeys.CHAIN_SEED, "pos-validator-" + KEYS.size());
      KEYS.add(k);
      BY_PUBKEY.put(k.publicKey(), k);
    }
    return KEYS.get(i);
  }

  /** The key of validator {@code index} in {@code s}. */
  public static SigningKey keyOf(BeaconState s, long index) {
    key(MAX_VALIDATORS - 1);
    SigningKey k = BY_PUBKEY.get(s.validator((int) index).pubkey());
    if (k == null) {
      throw new IllegalArgumentException("validator " + index + " has no fixture key");
    }
    return k;
  }

  /** {@code n} validators of 32 coins; Alice holds 1000 coins; base fee 1 gwei. */
  public static BeaconState genesis(int n, ConsensusConfig c) {
    List<GenesisValidator> validators = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      validators.add(new GenesisValidator(key(i).publicKey(), STAKE));
    }
    Accounts accounts = Accounts.of(List.of(new Account(TestKeys.ALICE.address(), ALICE_FUNDS, 0)));
    return PosGenesis.create(validators, TERMINAL, 1_700_000_000_000L, accounts, 1, c);
  }

  /** A copy of {@code s} advanced to {@code slot}. */
  public static BeaconState advanced(BeaconState s, long slot, ConsensusConfig c) {
    BeaconState copy = s.copy();
    if (copy.slot() < slot) {
      SlotProcessing.processSlots(copy, slot, c, false);
    }
    return copy;
  }

  public static int proposerAt(BeaconState parent, long slot, ConsensusConfig c) {
    return Proposers.beaconProposerIndex(advanced(parent, slot, c), slot, c);
  }

  /** The honest block of {@code slot} on {@code parent} with these attestations and transactions. */
  public static BlockProduction.Produced produce(BeaconState parent, long slot, List<Attestation> attestations,
      List<Transaction> txs, ConsensusConfig c) {
    int proposer = proposerAt(parent, slot, c);
    return BlockProduction.produce(parent, slot, proposer, keyOf(parent, proposer), attestations, List.of(),
        List.of(), txs, c, SignatureCheck.direct());
  }

  public static BlockProduction.Produced produce(BeaconState parent, long slot, List<Attestation> attestations,
      ConsensusConfig c) {
    return produce(parent, slot, attestations, List.of(), c);
  }

  /** Every honest attestation of validators on duty at {@code slot}, voting for {@code headRoot} (post-state given). */
  public static List<Attestation> attestations(BeaconState headState, Hash32 headRoot, long slot, ConsensusConfig c) {
    BeaconState s = advanced(headState, slot, c);
    long epoch = c.epochOf(slot);
    List<Attestation> out = new ArrayList<>();
    for (int v = 0; v < s.validatorCount(); v++) {
      Optional<Committees.Assignment> duty = Committees.committeeOf(s, epoch, v, c);
      if (duty.isPresent() && duty.get().slot() == slot) {
        AttestationData d = AttestationProduction.attestationData(s, headRoot, slot, duty.get().committeeIndex(), c);
        out.add(Attestation.sign(keyOf(s, v), v, d));
      }
    }
    return out;
  }

  /** The attestation of validator {@code v} (on duty at {@code slot}) for {@code headRoot}. */
  public static Attestation attestation(BeaconState headState, Hash32 headRoot, long slot, int v, ConsensusConfig c) {
    BeaconState s = advanced(headState, slot, c);
    Committees.Assignment duty = Committees.committeeOf(s, c.epochOf(slot), v, c).orElseThrow();
    AttestationData d = AttestationProduction.attestationData(s, headRoot, slot, duty.committeeIndex(), c);
    return Attestation.sign(keyOf(s, v), v, d);
  }

  /** A validator on duty at {@code slot}, the lowest index. */
  public static int onDutyAt(BeaconState s, long slot, ConsensusConfig c) {
    BeaconState a = advanced(s, slot, c);
    for (int v = 0; v < a.validatorCount(); v++) {
      Optional<Committees.Assignment> duty = Committees.committeeOf(a, c.epochOf(slot), v, c);
      if (duty.isPresent() && duty.get().slot() == slot) {
        return v;
      }
    }
    throw new IllegalStateException("nobody is on duty at slot " + slot);
  }

  /** Processes {@code b} on {@code parent}, failing the test if it is rejected. */
  public static BlockProcessing.Applied apply(BeaconState parent, BeaconBlock b, ConsensusConfig c) {
    BlockProcessing.Result r = BlockProcessing.processBlock(parent, b, c, SignatureCheck.direct());
    if (r instanceof BlockProcessing.Rejected rejected) {
      throw new AssertionError("block rejected: " + rejected.rejection().describe());
    }
    return (BlockProcessing.Applied) r;
  }
}
