package io.actorchain.core.conformance;

import io.actorchain.core.pos.ConsensusConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The constants a set of phase0 vectors was made with: the whole-number lines of its {@code config/phase0.yaml}.
 * It gives the SSZ lengths and limits to {@link Phase0State#decode} and the matching {@link ConsensusConfig} to the
 * runner. Hex values (domains, fork versions) and strings are not kept.
 *
 * @param name the preset, {@code minimal} or {@code mainnet}
 */
public record Phase0Preset(String name, Map<String, Long> constants) {
  public Phase0Preset {
    constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
  }

  /** The preset from the text of its {@code phase0.yaml}. */
  public static Phase0Preset fromYaml(String name, String yamlText) {
    Map<String, Long> numbers = new LinkedHashMap<>();
    YamlLines.parse(yamlText).forEach((k, v) -> {
      if (v.matches("[0-9]+")) {
        try {
          numbers.put(k, Long.parseLong(v));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(k + ": " + v + " does not fit in 63 bits");
        }
      }
    });
    return new Phase0Preset(name, numbers);
  }

  /** A constant by its spec name; IllegalArgumentException if the yaml did not set it. */
  public long get(String key) {
    Long v = constants.get(key);
    if (v == null) {
      throw new IllegalArgumentException("the " + name + " phase0.yaml does not set " + key);
    }
    return v;
  }

  int intConstant(String key) {
    return Math.toIntExact(get(key));
  }

  public int slotsPerHistoricalRoot() {
    return intConstant("SLOTS_PER_HISTORICAL_ROOT");
  }

  public int epochsPerHistoricalVector() {
    return intConstant("EPOCHS_PER_HISTORICAL_VECTOR");
  }

  public int epochsPerSlashingsVector() {
    return intConstant("EPOCHS_PER_SLASHINGS_VECTOR");
  }

  /** {@code MAX_ATTESTATIONS × SLOTS_PER_EPOCH}: the limit of each pending-attestation list. */
  public long pendingAttestationsLimit() {
    return Math.multiplyExact(get("MAX_ATTESTATIONS"), get("SLOTS_PER_EPOCH"));
  }

  /** {@code EPOCHS_PER_ETH1_VOTING_PERIOD × SLOTS_PER_EPOCH}. */
  public long eth1DataVotesLimit() {
    return Math.multiplyExact(get("EPOCHS_PER_ETH1_VOTING_PERIOD"), get("SLOTS_PER_EPOCH"));
  }

  /**
   * ActorChain's preset of the same name with every constant it shares with this yaml set to the yaml's value:
   * the phase0 slashing quotients, MAX_EFFECTIVE_BALANCE = 32 ETH, the committee and shuffle sizes, the vector
   * lengths, MIN_SEED_LOOKAHEAD and the rest. Constants phase0 does not have keep ActorChain's values.
   */
  public ConsensusConfig consensusConfig() {
    ConsensusConfig c = ConsensusConfig.preset(name);
    for (String key : c.byName().keySet()) {
      Long v = constants.get(key);
      if (v != null) {
        c = c.with(key, v);
      }
    }
    return c;
  }
}
