package io.actorchain.core.pow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.TestKeys;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.MalformedEncodingException;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.tx.Deposit;
import io.actorchain.core.tx.Exit;
import io.actorchain.core.tx.Transaction;
import io.actorchain.core.tx.Transfer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PowBlockCodecTest {
  private static final List<Transaction> TXS = List.of(
      Transfer.sign(TestKeys.ALICE, TestKeys.BOB.address(), 5, 2, 1, 0),
      Deposit.sign(TestKeys.ALICE, TestKeys.CAROL.publicKey(), 7, 2, 1, 1),
      Exit.sign(TestKeys.VALIDATOR_0, 0, 3));
  private static final PowHeader HEADER = new PowHeader(9, Sha256.hash(new byte[] {1}), 123_456,
      PowParams.DEFAULT_GENESIS_TARGET, PowBlock.txRoot(77, TXS), TestKeys.MINER_1.address(), 0x0102030405060708L);
  private static final PowBlock BLOCK = new PowBlock(HEADER, 77, TXS);

  @Test
  void shouldEncodeTheHeaderInFieldOrderWithTheNonceLast() {
    byte[] bytes = HEADER.canonical();
    CanonicalWriter expected = new CanonicalWriter()
        .u64le(9).fixed(HEADER.parentHash().toArray()).u64le(123_456).fixed(HEADER.target().toArray())
        .fixed(HEADER.txRoot().toArray()).fixed(HEADER.miner().toArray()).u64le(0x0102030405060708L);

    assertThat(bytes).hasSize(PowHeader.ENCODED_LENGTH).isEqualTo(expected.toByteArray());
    assertThat(PowHeader.ENCODED_LENGTH).isEqualTo(140);
    assertThat(Arrays.copyOfRange(bytes, PowHeader.NONCE_OFFSET, bytes.length)).containsExactly(8, 7, 6, 5, 4, 3, 2, 1);
  }

  @Test
  void shouldHashTheHeaderTwice() {
    assertThat(HEADER.powHash()).isEqualTo(Sha256.hash(Sha256.hash(HEADER.canonical()).toArray()));
    assertThat(BLOCK.hash()).isEqualTo(HEADER.powHash());
    assertThat(HEADER.withNonce(1).powHash()).isNotEqualTo(HEADER.powHash());
  }

  @Test
  void shouldRoundTripHeadersAndBlocks() {
    assertThat(PowHeader.decode(HEADER.canonical())).isEqualTo(HEADER);
    PowBlock decoded = PowBlock.decode(BLOCK.canonical());
    assertThat(decoded).isEqualTo(BLOCK);
    assertThat(decoded.header()).isEqualTo(HEADER);
    assertThat(decoded.coinbase()).isEqualTo(77);
    assertThat(decoded.transactions()).isEqualTo(TXS);
    assertThat(decoded.canonical()).isEqualTo(BLOCK.canonical());
    assertThat(PowBlock.decode(PowGenesis.block(PowParams.defaults(), 5).canonical()).transactions()).isEmpty();
  }

  @Test
  void shouldExposeTheHeaderFieldsOnTheBlock() {
    assertThat(BLOCK.height()).isEqualTo(9);
    assertThat(BLOCK.parentHash()).isEqualTo(HEADER.parentHash());
    assertThat(BLOCK.timestamp()).isEqualTo(123_456);
    assertThat(BLOCK.miner()).isEqualTo(TestKeys.MINER_1.address());
    assertThat(BLOCK.target()).isEqualTo(HEADER.target());
    assertThat(BLOCK.toString()).contains("#9", BLOCK.hash().shortHex(), "3 txs");
  }

  @Test
  void shouldCommitTheTxRootToCoinbaseAndTransactionIdsInOrder() {
    CanonicalWriter w = new CanonicalWriter().u64le(77).u32le(3);
    TXS.forEach(tx -> w.fixed(tx.id().toArray()));

    assertThat(PowBlock.txRoot(77, TXS)).isEqualTo(Sha256.hash(w.toByteArray()));
    assertThat(PowBlock.txRoot(78, TXS)).isNotEqualTo(PowBlock.txRoot(77, TXS));
    assertThat(PowBlock.txRoot(77, List.of(TXS.get(1), TXS.get(0), TXS.get(2))))
        .isNotEqualTo(PowBlock.txRoot(77, TXS));
  }

  @Test
  void shouldCompareBlocksByHash() {
    PowBlock sameHeaderOtherBody = new PowBlock(HEADER, 1, List.of());
    assertThat(sameHeaderOtherBody).isEqualTo(BLOCK).hasSameHashCodeAs(BLOCK);
    assertThat(BLOCK.withNonce(1)).isNotEqualTo(BLOCK);
    assertThat(BLOCK.withNonce(1).header().nonce()).isEqualTo(1);
    assertThat(BLOCK.withNonce(1).transactions()).isEqualTo(TXS);
  }

  @Test
  void shouldRejectEveryTruncatedBlock() {
    byte[] bytes = BLOCK.canonical();
    for (int len = 0; len < bytes.length; len++) {
      byte[] prefix = Arrays.copyOf(bytes, len);
      assertThatThrownBy(() -> PowBlock.decode(prefix)).as("length " + len)
          .isInstanceOf(MalformedEncodingException.class);
    }
  }

  @Test
  void shouldRejectTrailingBytesAfterABlock() {
    byte[] bytes = Arrays.copyOf(BLOCK.canonical(), BLOCK.canonical().length + 3);
    assertThatThrownBy(() -> PowBlock.decode(bytes)).isInstanceOf(MalformedEncodingException.class)
        .hasMessageContaining("3 trailing bytes");
    assertThatThrownBy(() -> PowHeader.decode(Arrays.copyOf(HEADER.canonical(), 141)))
        .isInstanceOf(MalformedEncodingException.class);
  }

  @Test
  void shouldRejectAnUnknownTransactionTypeInsideABlock() {
    byte[] bytes = BLOCK.canonical();
    int firstTx = PowHeader.ENCODED_LENGTH + 8 + 4;
    bytes[firstTx] = 0x7f;
    assertThatThrownBy(() -> PowBlock.decode(bytes)).isInstanceOf(MalformedEncodingException.class)
        .hasMessageContaining("type tag");
  }

  @Test
  void shouldRejectAnAbsurdTransactionCount() {
    CanonicalWriter w = new CanonicalWriter();
    HEADER.writeTo(w);
    w.u64le(0).u32le(-1);
    assertThatThrownBy(() -> PowBlock.decode(w.toByteArray())).isInstanceOf(MalformedEncodingException.class);
  }

  @Test
  void shouldEitherRejectGarbageOrDecodeItCanonically() {
    Random random = new Random(11);
    byte[] valid = BLOCK.canonical();
    for (int i = 0; i < 300; i++) {
      byte[] mutated = valid.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      }
      try {
        assertThat(PowBlock.decode(mutated).canonical()).isEqualTo(mutated);
      } catch (MalformedEncodingException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  @Test
  void shouldReadAHeaderFromAStream() {
    CanonicalWriter w = new CanonicalWriter();
    HEADER.writeTo(w);
    HEADER.withNonce(5).writeTo(w);
    CanonicalReader r = new CanonicalReader(w.toByteArray());
    assertThat(PowHeader.read(r)).isEqualTo(HEADER);
    assertThat(PowHeader.read(r).nonce()).isEqualTo(5);
    assertThat(r.atEnd()).isTrue();
    assertThat(HEADER.withNonce(5).parentHash()).isEqualTo(HEADER.parentHash());
    assertThat(Hash32.ZERO).isNotEqualTo(HEADER.powHash());
  }
}
