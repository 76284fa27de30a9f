package io.actorchain.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.pos.protection.SlashingProtectionRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link ProtectionStore} contract, run against every implementation. */
abstract class ProtectionStoreContract {
  protected ProtectionStore store;

  protected abstract ProtectionStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void shouldLoadNothingForAValidatorThatNeverSigned() {
    assertThat(store.load("v0")).isEmpty();
    assertThat(store.loadOrEmpty("v0")).isEqualTo(SlashingProtectionRecord.empty());
  }

  @Test
  void shouldLoadTheLastRecordSavedForEachValidator() {
    SlashingProtectionRecord proposed = SlashingProtectionRecord.empty().maySignBlock(3).orElseThrow();
    SlashingProtectionRecord attested = proposed.maySignAttestation(0, 1).orElseThrow();
    store.save("v0", proposed);
    store.save("v1", SlashingProtectionRecord.empty().maySignAttestation(2, 4).orElseThrow());
    store.save("v0", attested);

    assertThat(store.load("v0")).contains(new SlashingProtectionRecord(3, 0, 1));
    assertThat(store.load("v1")).contains(new SlashingProtectionRecord(-1, 2, 4));
    assertThat(store.load("v2")).isEmpty();
  }

  @Test
  void shouldRejectABlankValidatorNameNamingIt() {
    assertThatThrownBy(() -> store.save("", SlashingProtectionRecord.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("validator name must be non-blank, got ''");
    assertThatThrownBy(() -> store.load(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("validator name must be non-blank, got null");
  }

  @Test
  void shouldRefuseUseAfterClose() {
    store.close();
    assertThatThrownBy(() -> store.load("v0")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
