package io.actorchain.core.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.TestKeys;
import io.actorchain.core.codec.MalformedEncodingException;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.Signatures;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransactionCodecTest {
  private static final Transfer TRANSFER = Transfer.sign(TestKeys.ALICE, TestKeys.BOB.address(), 1_000, 10, 2, 7);
  private static final Deposit DEPOSIT = Deposit.sign(TestKeys.ALICE, TestKeys.VALIDATOR_0.publicKey(), 32, 5, 1, 8);
  private static final Exit EXIT = Exit.sign(TestKeys.VALIDATOR_0, 3, 12);
  private static final List<Transaction> ALL = List.of(TRANSFER, DEPOSIT, EXIT);

  @Test
  void shouldRoundTripEveryTransactionType() {
    for (Transaction tx : ALL) {
      Transaction decoded = Transaction.decode(tx.canonical());
      assertThat(decoded).isEqualTo(tx);
      assertThat(decoded.id()).isEqualTo(tx.id());
      assertThat(decoded.canonical()).isEqualTo(tx.canonical());
    }
  }

  @Test
  void shouldStartWithTheTypeTag() {
    assertThat(TRANSFER.canonical()[0]).isEqualTo((byte) Transaction.TAG_TRANSFER);
    assertThat(DEPOSIT.canonical()[0]).isEqualTo((byte) Transaction.TAG_DEPOSIT);
    assertThat(EXIT.canonical()[0]).isEqualTo((byte) Transaction.TAG_EXIT);
    assertThat(EXIT.canonical()).hasSize(1 + 8 + 8 + 64);
  }

  @Test
  void shouldSignTheCanonicalFormWithoutTheSignature() {
    for (Transaction tx : ALL) {
      byte[] full = tx.canonical();
      byte[] unsigned = Arrays.copyOf(full, full.length - 64);
      assertThat(tx.signingRoot()).isEqualTo(Sha256.hash(unsigned));
      assertThat(tx.id()).isEqualTo(Sha256.hash(full)).isNotEqualTo(tx.signingRoot());
    }
    assertThat(Signatures.verify(TestKeys.ALICE.publicKey(), Domain.TX, TRANSFER.signingRoot(), TRANSFER.sig()))
        .isTrue();
    assertThat(Signatures.verify(TestKeys.VALIDATOR_0.publicKey(), Domain.TX, EXIT.signingRoot(), EXIT.sig()))
        .isTrue();
  }

  @Test
  void shouldKeepTheSigningRootWhenOnlyTheSignatureChanges() {
    Transfer resigned = TRANSFER.withSig(DEPOSIT.sig());
    assertThat(resigned.signingRoot()).isEqualTo(TRANSFER.signingRoot());
    assertThat(resigned.id()).isNotEqualTo(TRANSFER.id());
  }

  @Test
  void shouldExposeFeesSenderAndNonce() {
    assertThat(TRANSFER.sender()).contains(TestKeys.ALICE.address());
    assertThat(TRANSFER.tip()).isEqualTo(2);
    assertThat(TRANSFER.maxFee()).isEqualTo(10);
    assertThat(TRANSFER.nonce()).isEqualTo(7);
    assertThat(DEPOSIT.sender()).contains(TestKeys.ALICE.address());
    assertThat(EXIT.sender()).isEmpty();
    assertThat(EXIT.tip()).isZero();
    assertThat(EXIT.maxFee()).isZero();
    assertThat(EXIT.nonce()).isEqualTo(Exit.NO_NONCE).isEqualTo(-1);
  }

  @Test
  void shouldDescribeItselfForLogs() {
    assertThat(TRANSFER.summary()).contains("transfer 0.000001 coins", "nonce 7");
    assertThat(DEPOSIT.summary()).contains("deposit", "validator " + TestKeys.VALIDATOR_0.publicKey().shortHex());
    assertThat(EXIT.summary()).isEqualTo("exit of validator 3 at epoch 12");
  }

  @Test
  void shouldRejectAnUnknownTypeTag() {
    byte[] bytes = TRANSFER.canonical();
    bytes[0] = 9;
    assertThatThrownBy(() -> Transaction.decode(bytes)).isInstanceOf(MalformedEncodingException.class)
        .hasMessageContaining("unknown transaction type tag 9");
  }

  @Test
  void shouldRejectEveryTruncationAndTrailingBytes() {
    for (Transaction tx : ALL) {
      byte[] bytes = tx.canonical();
      for (int len = 0; len < bytes.length; len++) {
        byte[] prefix = Arrays.copyOf(bytes, len);
        assertThatThrownBy(() -> Transaction.decode(prefix)).isInstanceOf(MalformedEncodingException.class);
      }
      assertThatThrownBy(() -> Transaction.decode(Arrays.copyOf(bytes, bytes.length + 1)))
          .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("trailing");
    }
  }

  @Test
  void shouldEitherRejectGarbageOrDecodeItCanonically() {
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      byte[] garbage = new byte[random.nextInt(200)];
      random.nextBytes(garbage);
      if (garbage.length > 0) {
        garbage[0] = (byte) (1 + random.nextInt(4));
      }
      try {
        Transaction tx = Transaction.decode(garbage);
        assertThat(tx.canonical()).isEqualTo(garbage);
      } catch (MalformedEncodingException expected) {
        assertThat(expected).hasMessageNotContaining("null");
      }
    }
  }
}
