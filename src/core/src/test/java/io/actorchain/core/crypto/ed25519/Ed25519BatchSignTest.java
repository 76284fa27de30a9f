package io.actorchain.core.crypto.ed25519;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Ed25519#signAll}: the batch's shared inversion must give, signature for signature, what signing alone gives. */
class Ed25519BatchSignTest {

  @Test
  void shouldSignEachMessageOfABatchExactlyAsAloneAndVerifiably() {
    Random random = new Random(20261121L);
    for (int size : new int[] {1, 2, 3, 17, 128}) {
      List<Ed25519.PrivateKey> keys = new ArrayList<>();
      List<byte[]> messages = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        Ed25519.PrivateKey key = Ed25519.privateKey(seed);
        keys.add(key);
        keys.add(key); // the same key twice in a batch, over different messages
        for (int m = 0; m < 2; m++) {
          byte[] message = new byte[random.nextInt(80)];
          random.nextBytes(message);
          messages.add(message);
        }
      }
      byte[][] batch = Ed25519.signAll(keys, messages);
      assertThat(batch.length).isEqualTo(keys.size());
      for (int i = 0; i < keys.size(); i++) {
        assertThat(batch[i]).as("signature %d of a batch of %d", i, keys.size())
            .isEqualTo(keys.get(i).sign(messages.get(i)));
        assertThat(Ed25519.verify(keys.get(i).publicKey(), messages.get(i), batch[i])).isTrue();
      }
    }
  }

  @Test
  void shouldSignAnEmptyBatchAndRefuseMismatchedLists() {
    assertThat(Ed25519.signAll(List.of(), List.of()).length).isZero();
    Ed25519.PrivateKey key = Ed25519.privateKey(new byte[32]);
    assertThatThrownBy(() -> Ed25519.signAll(List.of(key), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("1 keys for 0 messages");
  }
}
