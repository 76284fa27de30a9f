package io.actorchain.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.TestKeys;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.MalformedEncodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerStateTest {
  private static final Accounts ACCOUNTS = Accounts.of(List.of(new Account(TestKeys.ALICE.address(), 100, 3)));
  private static final List<RegistryEntry> REGISTRY = List.of(
      RegistryEntry.of(TestKeys.VALIDATOR_0.publicKey(), 32),
      new RegistryEntry(TestKeys.VALIDATOR_1.publicKey(), 64, true));

  @Test
  void shouldStartAtTheGenesisBaseFeeOfOneGwei() {
    LedgerState genesis = LedgerState.genesis(ACCOUNTS, REGISTRY);
    assertThat(genesis.baseFee()).isEqualTo(1);
    assertThat(LedgerState.GENESIS_BASE_FEE).isEqualTo(1);
  }

  @Test
  void shouldRoundTripTheCanonicalForm() {
    LedgerState state = new LedgerState(ACCOUNTS, 77, REGISTRY);
    LedgerState decoded = LedgerState.decode(state.canonical());

    assertThat(decoded).isEqualTo(state);
    assertThat(decoded.root()).isEqualTo(state.root());
    RegistryEntry e = REGISTRY.get(1);
    assertThat(CanonicalReader.decode(e.canonical(), RegistryEntry::read)).isEqualTo(e);
  }

  @Test
  void shouldChangeTheRootWithAnyField() {
    LedgerState state = new LedgerState(ACCOUNTS, 77, REGISTRY);

    assertThat(new LedgerState(ACCOUNTS, 78, REGISTRY).root()).isNotEqualTo(state.root());
    assertThat(new LedgerState(Accounts.empty(), 77, REGISTRY).root()).isNotEqualTo(state.root());
    assertThat(new LedgerState(ACCOUNTS, 77, REGISTRY.subList(0, 1)).root()).isNotEqualTo(state.root());
  }

  @Test
  void shouldFindValidatorsByPubkey() {
    LedgerState state = LedgerState.genesis(ACCOUNTS, REGISTRY);
    assertThat(state.registryIndexOf(TestKeys.VALIDATOR_1.publicKey())).isEqualTo(1);
    assertThat(state.registryIndexOf(TestKeys.ALICE.publicKey())).isEqualTo(-1);
  }

  @Test
  void shouldCopyTheRegistry() {
    List<RegistryEntry> mutable = new ArrayList<>(REGISTRY);
    LedgerState state = LedgerState.genesis(ACCOUNTS, mutable);
    mutable.clear();
    assertThat(state.registry()).hasSize(2);
  }

  @Test
  void shouldRejectABaseFeeBelowOneGwei() {
    assertThatThrownBy(() -> new LedgerState(ACCOUNTS, 0, REGISTRY)).isInstanceOf(IllegalArgumentException.class);
    byte[] encoded = new LedgerState(ACCOUNTS, 1, REGISTRY).canonical();
    CanonicalWriter zeroFee = new CanonicalWriter();
    ACCOUNTS.writeTo(zeroFee);
    zeroFee.u64le(0).list(REGISTRY, (w, e) -> e.writeTo(w));
    assertThatThrownBy(() -> LedgerState.decode(zeroFee.toByteArray()))
        .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("baseFee");
    assertThat(LedgerState.decode(encoded).baseFee()).isEqualTo(1);
  }

  @Test
  void shouldRejectEveryTruncationAndTrailingBytes() {
    byte[] encoded = new LedgerState(ACCOUNTS, 5, REGISTRY).canonical();
    for (int len = 0; len < encoded.length; len++) {
      byte[] prefix = Arrays.copyOf(encoded, len);
      assertThatThrownBy(() -> LedgerState.decode(prefix)).as("length " + len)
          .isInstanceOf(MalformedEncodingException.class);
    }
    assertThatThrownBy(() -> LedgerState.decode(Arrays.copyOf(encoded, encoded.length + 1)))
        .isInstanceOf(MalformedEncodingException.class);
  }

  @Test
  void shouldRejectANonCanonicalBooleanInTheRegistry() {
    byte[] encoded = REGISTRY.get(0).canonical();
    encoded[encoded.length - 1] = 2;
    assertThatThrownBy(() -> CanonicalReader.decode(encoded, RegistryEntry::read))
        .isInstanceOf(MalformedEncodingException.class);
  }
}
