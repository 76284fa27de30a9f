package io.actorchain.core.pos.block;

import static io.actorchain.core.pos.BeaconFixture.MINIMAL;
import static io.actorchain.core.pos.BeaconFixture.attestations;
import static io.actorchain.core.pos.BeaconFixture.genesis;
import static io.actorchain.core.pos.BeaconFixture.keyOf;
import static io.actorchain.core.pos.BeaconFixture.produce;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.TestKeys;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.SigningKey;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.BeaconBlockBody;
import io.actorchain.core.pos.model.BeaconBlockHeader;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.model.ProposerSlashing;
import io.actorchain.core.pos.model.SignedBeaconBlockHeader;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.tx.SignatureCheck;
import io.actorchain.core.tx.Transfer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each rule of CONSENSUS.md §5.4 rejects a block that breaks it, with its reason, and nothing else changes. */
class BlockRejectionTest {
  private static final BeaconState GENESIS = genesis(16, MINIMAL);
  private static final BlockProduction.Produced B1 = produce(GENESIS, 1, List.of(), MINIMAL);
  private static final BeaconState S1 = B1.postState();
  private static final BlockProduction.Produced B2 = produce(S1, 2, List.of(), MINIMAL);
  private static final Hash32 OTHER = Sha256.hash("other".getBytes(StandardCharsets.UTF_8));

  private static BlockRejection rejection(BeaconState parent, BeaconBlock b) {
    return rejection(parent, b, MINIMAL);
  }

  private static BlockRejection rejection(BeaconState parent, BeaconBlock b, ConsensusConfig c) {
    Hash32 before = parent.root();
    BlockProcessing.Result r = BlockProcessing.processBlock(parent, b, c, SignatureCheck.direct());
    assertThat(parent.root()).as("parent state unchanged").isEqualTo(before);
    assertThat(r).isInstanceOf(BlockProcessing.Rejected.class);
    return ((BlockProcessing.Rejected) r).rejection();
  }

  /** {@code b} with its header changed and signed again by {@code key}. */
  private static BeaconBlock resign(BeaconBlock b, UnaryOperator<BeaconBlockHeader> change, SigningKey key) {
    BeaconBlockHeader h = change.apply(b.header());
    return new BeaconBlock(h, b.body(), key.sign(Domain.PROPOSER, h.root()));
  }

  /** {@code b} with another body, its header committing to it, signed by the right proposer. */
  private static BeaconBlock withBody(BeaconBlock b, BeaconBlockBody body, BeaconState parent) {
    BeaconBlockHeader h = b.header();
    BeaconBlockHeader changed = new BeaconBlockHeader(h.slot(), h.proposerIndex(), h.parentRoot(), h.stateRoot(),
        body.root());
    return new BeaconBlock(changed, body, keyOf(parent, h.proposerIndex()).sign(Domain.PROPOSER, changed.root()));
  }

  private static BeaconBlockBody body(BeaconBlockBody b, List<Attestation> atts, List<ProposerSlashing> ps,
      List<AttesterSlashing> as, List<io.actorchain.core.tx.Transaction> txs) {
    return new BeaconBlockBody(b.randaoReveal(), atts, ps, as, txs);
  }

  private static SigningKey proposerKey(BeaconBlock b) {
    return keyOf(GENESIS, b.proposerIndex());
  }

  @Test
  void shouldRejectABlockWhoseSlotIsNotAfterItsParent() {
    assertThat(rejection(S1, B1.block()).reason()).isEqualTo(BlockInvalidReason.SLOT_NOT_AFTER_PARENT);
    BeaconBlock atZero = resign(B1.block(),
        h -> new BeaconBlockHeader(0, h.proposerIndex(), h.parentRoot(), h.stateRoot(), h.bodyRoot()),
        proposerKey(B1.block()));
    assertThat(rejection(GENESIS, atZero).reason()).isEqualTo(BlockInvalidReason.SLOT_NOT_AFTER_PARENT);
  }

  @Test
  void shouldRejectABlockFromAValidatorThatIsNotTheSlotsProposer() {
    long other = (B1.block().proposerIndex() + 1) % 16;
    BeaconBlock b = resign(B1.block(),
        h -> new BeaconBlockHeader(h.slot(), other, h.parentRoot(), h.stateRoot(), h.bodyRoot()),
        keyOf(GENESIS, other));

    BlockRejection r = rejection(GENESIS, b);

    assertThat(r.reason()).isEqualTo(BlockInvalidReason.WRONG_PROPOSER);
    assertThat(r.detail()).contains("belongs to " + B1.block().proposerIndex());
  }

  @Test
  void shouldRejectABlockFromASlashedProposer() {
    BeaconState slashed = GENESIS.copy();
    int p = (int) B1.block().proposerIndex();
    Validator v = slashed.validator(p);
    slashed.setValidator(p, v.withSlashed(true));

    assertThat(rejection(slashed, B1.block()).reason()).isEqualTo(BlockInvalidReason.PROPOSER_SLASHED);
  }

  @Test
  void shouldRejectABlockOnAnotherParent() {
    BeaconBlock b = resign(B1.block(), h -> new BeaconBlockHeader(h.slot(), h.proposerIndex(), OTHER, h.stateRoot(),
        h.bodyRoot()), proposerKey(B1.block()));

    assertThat(rejection(GENESIS, b).reason()).isEqualTo(BlockInvalidReason.PARENT_ROOT_MISMATCH);
  }

  @Test
  void shouldRejectABlockSignedByAnotherKey() {
    BeaconBlock b = resign(B1.block(), h -> h, TestKeys.ALICE);

    assertThat(rejection(GENESIS, b).reason()).isEqualTo(BlockInvalidReason.BAD_PROPOSER_SIGNATURE);
  }

  @Test
  void shouldRejectABlockWhoseHeaderDoesNotCommitToItsBody() {
    BeaconBlock b = resign(B1.block(), h -> new BeaconBlockHeader(h.slot(), h.proposerIndex(), h.parentRoot(),
        h.stateRoot(), OTHER), proposerKey(B1.block()));

    assertThat(rejection(GENESIS, b).reason()).isEqualTo(BlockInvalidReason.BAD_BODY_ROOT);
  }

  @Test
  void shouldRejectARandaoRevealForAnotherEpoch() {
    BeaconBlockBody body = B1.block().body();
    var wrongReveal = proposerKey(B1.block()).sign(Domain.RANDAO, BlockTransition.randaoSigningRoot(1));
    BeaconBlock b = withBody(B1.block(), new BeaconBlockBody(wrongReveal, body.attestations(),
        body.proposerSlashings(), body.attesterSlashings(), body.transactions()), GENESIS);

    assertThat(rejection(GENESIS, b).reason()).isEqualTo(BlockInvalidReason.BAD_RANDAO_REVEAL);
  }

  @Test
  void shouldRejectABlockWhoseStateRootIsNotThePostStates() {
    BeaconBlock b = resign(B1.block(), h -> h.withStateRoot(OTHER), proposerKey(B1.block()));

    BlockRejection r = rejection(GENESIS, b);

    assertThat(r.reason()).isEqualTo(BlockInvalidReason.STATE_ROOT_MISMATCH);
    assertThat(r.detail()).contains(B1.block().header().stateRoot().shortHex());
  }

  @Test
  void shouldRejectAnAttestationWithTheWrongSource() {
    Attestation good = attestations(S1, B1.block().root(), 1, MINIMAL).get(0);
    AttestationData d = good.data();
    AttestationData wrong = new AttestationData(d.slot(), d.committeeIndex(), d.headRoot(),
        new Checkpoint(0, OTHER), d.target());
    Attestation bad = Attestation.sign(keyOf(S1, good.validatorIndex()), good.validatorIndex(), wrong);
    BeaconBlock b = withBody(B2.block(), body(B2.block().body(), List.of(bad), List.of(), List.of(), List.of()), S1);

    BlockRejection r = rejection(S1, b);

    assertThat(r.reason()).isEqualTo(BlockInvalidReason.INVALID_ATTESTATION);
    assertThat(r.detail()).contains(AttestationInvalidReason.WRONG_SOURCE.describe());
  }

  @Test
  void shouldRejectMoreAttestationsThanTheLimit() {
    ConsensusConfig one = MINIMAL.with("MAX_ATTESTATIONS", 1);
    List<Attestation> votes = attestations(S1, B1.block().root(), 1, one);
    BlockProduction.Produced b2 = produce(S1, 2, votes, one);
    assertThat(b2.block().body().attestations()).hasSize(1);
    BeaconBlock b = withBody(b2.block(), body(b2.block().body(), votes, List.of(), List.of(), List.of()), S1);

    assertThat(rejection(S1, b, one).reason()).isEqualTo(BlockInvalidReason.TOO_MANY_ATTESTATIONS);
  }

  @Test
  void shouldRejectMoreSlashingsThanTheLimits() {
    ConsensusConfig none = MINIMAL.with("MAX_PROPOSER_SLASHINGS", 0).with("MAX_ATTESTER_SLASHINGS", 0);
    ProposerSlashing ps = doubleProposal(3);
    BeaconBlock b = withBody(B2.block(), body(B2.block().body(), List.of(), List.of(ps), List.of(), List.of()), S1);
    assertThat(rejection(S1, b, none).reason()).isEqualTo(BlockInvalidReason.TOO_MANY_PROPOSER_SLASHINGS);

    AttesterSlashing as = new AttesterSlashing(attestations(S1, B1.block().root(), 1, MINIMAL).get(0),
        attestations(S1, B1.block().root(), 1, MINIMAL).get(0));
    BeaconBlock c = withBody(B2.block(), body(B2.block().body(), List.of(), List.of(), List.of(as), List.of()), S1);
    assertThat(rejection(S1, c, none).reason()).isEqualTo(BlockInvalidReason.TOO_MANY_ATTESTER_SLASHINGS);
  }

  @Test
  void shouldRejectMoreTransactionsThanTwiceTheTarget() {
    List<io.actorchain.core.tx.Transaction> txs = new ArrayList<>();
    for (int i = 0; i < 129; i++) {
      txs.add(Transfer.sign(TestKeys.ALICE, TestKeys.BOB.address(), 1, 10, 0, i));
    }
    BeaconBlock b = withBody(B2.block(), body(B2.block().body(), List.of(), List.of(), List.of(), txs), S1);

    assertThat(rejection(S1, b).reason()).isEqualTo(BlockInvalidReason.TOO_MANY_TRANSACTIONS);
  }

  @Test
  void shouldRejectAnInvalidTransaction() {
    Transfer wrongNonce = Transfer.sign(TestKeys.ALICE, TestKeys.BOB.address(), 1, 10, 0, 5);
    BeaconBlock b = withBody(B2.block(), body(B2.block().body(), List.of(), List.of(), List.of(),
        List.of(wrongNonce)), S1);

    BlockRejection r = rejection(S1, b);

    assertThat(r.reason()).isEqualTo(BlockInvalidReason.INVALID_TRANSACTION);
    assertThat(r.detail()).contains("nonce 5, account nonce 0");
  }

  @Test
  void shouldRejectForgedProposerSlashingEvidence() {
    ProposerSlashing real = doubleProposal(3);
    SignedBeaconBlockHeader h2 = real.h2();
    ProposerSlashing forged = new ProposerSlashing(real.h1(), new SignedBeaconBlockHeader(h2.header(),
        keyOf(S1, 4).sign(Domain.PROPOSER, h2.header().root())));
    BeaconBlock b = withBody(B2.block(), body(B2.block().body(), List.of(), List.of(forged), List.of(), List.of()),
        S1);

    BlockRejection r = rejection(S1, b);

    assertThat(r.reason()).isEqualTo(BlockInvalidReason.INVALID_PROPOSER_SLASHING);
    assertThat(r.detail()).contains("signature");
  }

  @Test
  void shouldRejectAttesterSlashingEvidenceWhoseVotesAreNotSlashable() {
    Attestation a = attestations(S1, B1.block().root(), 1, MINIMAL).get(0);
    AttesterSlashing same = new AttesterSlashing(a, a);
    BeaconBlock b = withBody(B2.block(), body(B2.block().body(), List.of(), List.of(), List.of(same), List.of()), S1);

    BlockRejection r = rejection(S1, b);

    assertThat(r.reason()).isEqualTo(BlockInvalidReason.INVALID_ATTESTER_SLASHING);
    assertThat(r.detail()).contains("neither a double vote nor a surround vote");
  }

  /** Two headers of validator {@code v} at slot 1 with different roots, both properly signed. */
  static ProposerSlashing doubleProposal(int v) {
    SigningKey k = keyOf(GENESIS, v);
    BeaconBlockHeader h1 = new BeaconBlockHeader(1, v, Hash32.ZERO, Hash32.ZERO, Hash32.ZERO);
    BeaconBlockHeader h2 = new BeaconBlockHeader(1, v, Hash32.ZERO, OTHER, Hash32.ZERO);
    return new ProposerSlashing(new SignedBeaconBlockHeader(h1, k.sign(Domain.PROPOSER, h1.root())),
        new SignedBeaconBlockHeader(h2, k.sign(Domain.PROPOSER, h2.root())));
  }
}
