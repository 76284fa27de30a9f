package io.actorchain.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.pos.ConsensusConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Phase0PresetTest {
  static final String YAML = """
      # Minimal preset

      CONFIG_NAME: "minimal"
      # [customized] Just 4 committees for slot for testing purposes
      MAX_COMMITTEES_PER_SLOT: 4
      SHUFFLE_ROUND_COUNT: 10  # trailing comment
      MAX_EFFECTIVE_BALANCE: 32000000000
      MIN_SLASHING_PENALTY_QUOTIENT: 64
      PROPORTIONAL_SLASHING_MULTIPLIER: 2
      DOMAIN_BEACON_ATTESTER: 0x01000000
      SLOTS_PER_EPOCH: 8
      """;

  @Test
  void shouldReadKeyValueLines() {
    Map<String, String> m = YamlLines.parse(YAML);
    assertThat(m).containsEntry("CONFIG_NAME", "minimal").containsEntry("SHUFFLE_ROUND_COUNT", "10")
        .containsEntry("DOMAIN_BEACON_ATTESTER", "0x01000000").hasSize(8);
  }

  @Test
  void shouldRejectWhatIsNotAFlatKeyValueLine() {
    assertThatThrownBy(() -> YamlLines.parse("A: 1\n  B: 2\n")).hasMessageContaining("line 2");
    assertThatThrownBy(() -> YamlLines.parse("- x\n")).hasMessageContaining("line 1");
    assertThatThrownBy(() -> YamlLines.parse("A: 1\nA: 2\n")).hasMessageContaining("A is set twice");
  }

  @Test
  void shouldKeepWholeNumbersOnly() {
    Phase0Preset p = Phase0Preset.fromYaml("minimal", YAML);
    assertThat(p.get("MAX_EFFECTIVE_BALANCE")).isEqualTo(32_000_000_000L);
    assertThat(p.constants()).doesNotContainKeys("CONFIG_NAME", "DOMAIN_BEACON_ATTESTER");
    assertThatThrownBy(() -> p.get("SLOTS_PER_HISTORICAL_ROOT"))
        .hasMessageContaining("the minimal phase0.yaml does not set SLOTS_PER_HISTORICAL_ROOT");
  }

  @Test
  void shouldOverrideTheSharedConstantsOfTheActorChainPreset() {
    ConsensusConfig c = Phase0Preset.fromYaml("minimal", YAML).consensusConfig();
    assertThat(c.preset()).isEqualTo("minimal");
    assertThat(c.maxEffectiveBalance()).isEqualTo(32_000_000_000L);
    assertThat(c.minSlashingPenaltyQuotient()).isEqualTo(64);
    assertThat(c.proportionalSlashingMultiplier()).isEqualTo(2);
    assertThat(c.shuffleRoundCount()).isEqualTo(10);
    assertThat(c.slotsPerEpoch()).isEqualTo(8);
    assertThat(c.epochsPerHistoricalVector()).isEqualTo(ConsensusConfig.minimal().epochsPerHistoricalVector());
  }
}
