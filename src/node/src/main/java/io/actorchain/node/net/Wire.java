package io.actorchain.node.net;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.ProposerSlashing;
import io.actorchain.core.pos.model.SlashingEvidence;
import io.actorchain.core.pos.model.BeaconBlock;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * What travels between two nodes over a {@link PeerLinkActor}. Payloads are core's canonical bytes,
 * never Jackson's view of a core record: the receiver decodes them with core's strict decoder, so a
 * malformed payload is detected, counted and dropped there.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "w")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Wire.BlockGossip.class, name = "block"),
  @JsonSubTypes.Type(value = Wire.TxGossip.class, name = "tx"),
  @JsonSubTypes.Type(value = Wire.BlocksRequest.class, name = "getBlocks"),
  @JsonSubTypes.Type(value = Wire.BlocksResponse.class, name = "blocks"),
  @JsonSubTypes.Type(value = Wire.BeaconBlockGossip.class, name = "beaconBlock"),
  @JsonSubTypes.Type(value = Wire.AttestationGossip.class, name = "attestation"),
  @JsonSubTypes.Type(value = Wire.AttestationBatch.class, name = "attestations"),
  @JsonSubTypes.Type(value = Wire.BeaconBlocksRequest.class, name = "getBeaconBlocks"),
  @JsonSubTypes.Type(value = Wire.BeaconBlocksResponse.class, name = "beaconBlocks"),
  @JsonSubTypes.Type(value = Wire.Hello.class, name = "hello"),
  @JsonSubTypes.Type(value = Wire.ProposerSlashingGossip.class, name = "proposerSlashing"),
  @JsonSubTypes.Type(value = Wire.AttesterSlashingGossip.class, name = "attesterSlashing"),
})
public sealed interface Wire extends CborSerializable {

  /** A block announced by flooding; {@code bytes} is its canonical encoding. */
  record BlockGossip(byte[] bytes) implements Wire {}

  /** A transaction announced by flooding. */
  record TxGossip(byte[] bytes) implements Wire {}

  /** Asks for {@code root} and up to {@code max - 1} of its ancestors. */
  record BlocksRequest(byte[] root, int max) implements Wire {}

  /** Blocks in ascending height order, each a canonical encoding. */
  record BlocksResponse(List<byte[]> blocks) implements Wire {}

  /**
   * A proof-of-stake block announced by flooding. Only {@code bytes} cross a process boundary, and a receiver decodes
   * them strictly. Within one JVM the sender's decoded block (immutable) travels along, so the nodes of an embedded
   * network share one object instead of each decoding every copy.
   */
  final class BeaconBlockGossip implements Wire {
    private final byte[] bytes;
    @JsonIgnore
    private final transient BeaconBlock block;

    @JsonCreator
    public BeaconBlockGossip(@JsonProperty("bytes") byte[] bytes) {
      this(bytes, null);
    }

    private BeaconBlockGossip(byte[] bytes, BeaconBlock block) {
      this.bytes = bytes;
      this.block = block;
    }

    public static BeaconBlockGossip of(BeaconBlock block) {
      return new BeaconBlockGossip(block.canonical(), block);
    }

    @JsonProperty("bytes")
    public byte[] bytes() {
      return bytes;
    }

    /** The block; decoded from {@code bytes} unless the sender's object came along (MalformedEncodingException if bad). */
    public BeaconBlock block() {
      return block != null ? block : BeaconBlock.decode(bytes);
    }
  }

  /** One validator's attestation announced by flooding; like {@link BeaconBlockGossip}, the object travels in-JVM. */
  final class AttestationGossip implements Wire {
    private final byte[] bytes;
    @JsonIgnore
    private final transient Attestation attestation;

    @JsonCreator
    public AttestationGossip(@JsonProperty("bytes") byte[] bytes) {
      this(bytes, null);
    }

    private AttestationGossip(byte[] bytes, Attestation attestation) {
      this.bytes = bytes;
      this.attestation = attestation;
    }

    public static AttestationGossip of(Attestation attestation) {
      return new AttestationGossip(attestation.canonical(), attestation);
    }

    @JsonProperty("bytes")
    public byte[] bytes() {
      return bytes;
    }

    /** The attestation; decoded from {@code bytes} unless the sender's object came along. */
    public Attestation attestation() {
      return attestation != null ? attestation : Attestation.decode(bytes);
    }
  }

  /**
   * Several votes gossiped over one link in the same instant, in the order they were published: one message instead of
   * one per vote (a sender's validators all attest at a third of the slot). Like {@link AttestationGossip}, the
   * objects travel in-JVM.
   */
  final class AttestationBatch implements Wire {
    private final List<byte[]> bytes;
    @JsonIgnore
    private final transient List<Attestation> attestations;

    @JsonCreator
    public AttestationBatch(@JsonProperty("bytes") List<byte[]> bytes) {
      this(List.copyOf(bytes), null);
    }

    private AttestationBatch(List<byte[]> bytes, List<Attestation> attestations) {
      this.bytes = bytes;
      this.attestations = attestations;
    }

    /** The votes of {@code gossip}, in order, as one message (the objects come along if every one of them did). */
    public static AttestationBatch of(List<AttestationGossip> gossip) {
      List<byte[]> bytes = new ArrayList<>(gossip.size());
      List<Attestation> attestations = new ArrayList<>(gossip.size());
      for (AttestationGossip g : gossip) {
        bytes.add(g.bytes);
        if (attestations != null && g.attestation != null) {
          attestations.add(g.attestation);
        } else {
          attestations = null;
        }
      }
      return new AttestationBatch(List.copyOf(bytes), attestations == null ? null : List.copyOf(attestations));
    }

    @JsonProperty("bytes")
    public List<byte[]> bytes() {
      return bytes;
    }

    /** The votes; decoded from {@code bytes} unless the sender's objects came along (MalformedEncodingException if bad). */
    public List<Attestation> attestations() {
      if (attestations != null) {
        return attestations;
      }
      List<Attestation> decoded = new ArrayList<>(bytes.size());
      for (byte[] b : bytes) {
        decoded.add(Attestation.decode(b));
      }
      return decoded;
    }
  }

  /**
   * Proposer-slashing evidence announced by flooding, once per node (CONSENSUS.md §6); like
   * {@link BeaconBlockGossip}, the object travels in-JVM.
   */
  final class ProposerSlashingGossip implements Wire {
    private final byte[] bytes;
    @JsonIgnore
    private final transient ProposerSlashing slashing;

    @JsonCreator
    public ProposerSlashingGossip(@JsonProperty("bytes") byte[] bytes) {
      this(bytes, null);
    }

    private ProposerSlashingGossip(byte[] bytes, ProposerSlashing slashing) {
      this.bytes = bytes;
      this.slashing = slashing;
    }

    public static ProposerSlashingGossip of(ProposerSlashing slashing) {
      return new ProposerSlashingGossip(slashing.canonical(), slashing);
    }

    @JsonProperty("bytes")
    public byte[] bytes() {
      return bytes;
    }

    /** The evidence; decoded from {@code bytes} unless the sender's object came along. */
    public ProposerSlashing slashing() {
      return slashing != null ? slashing : ProposerSlashing.decode(bytes);
    }
  }

  /** Attester-slashing evidence announced by flooding, once per node; the object travels in-JVM. */
  final class AttesterSlashingGossip implements Wire {
    private final byte[] bytes;
    @JsonIgnore
    private final transient AttesterSlashing slashing;

    @JsonCreator
    public AttesterSlashingGossip(@JsonProperty("bytes") byte[] bytes) {
      this(bytes, null);
    }

    private AttesterSlashingGossip(byte[] bytes, AttesterSlashing slashing) {
      this.bytes = bytes;
      this.slashing = slashing;
    }

    public static AttesterSlashingGossip of(AttesterSlashing slashing) {
      return new AttesterSlashingGossip(slashing.canonical(), slashing);
    }

    @JsonProperty("bytes")
    public byte[] bytes() {
      return bytes;
    }

    /** The evidence; decoded from {@code bytes} unless the sender's object came along. */
    public AttesterSlashing slashing() {
      return slashing != null ? slashing : AttesterSlashing.decode(bytes);
    }
  }

  /** The gossip message that carries {@code e}. */
  static Wire ofEvidence(SlashingEvidence e) {
    return e instanceof ProposerSlashing p ? ProposerSlashingGossip.of(p) : AttesterSlashingGossip.of((AttesterSlashing) e);
  }

  /** Asks for the beacon block {@code root} and up to {@code max - 1} of its ancestors. */
  record BeaconBlocksRequest(byte[] root, int max) implements Wire {}

  /** Beacon blocks in ascending slot order. */
  record BeaconBlocksResponse(List<byte[]> blocks) implements Wire {}

  /**
   * The genesis handshake (ARCHITECTURE.md, "Shared genesis"), the first message on every link between cluster
   * processes: the receiver compares it with its own and stops on any difference. {@code genesisDigest} covers what
   * the named fields do not: the PoW genesis block, the genesis accounts, the chain seed and the consensus preset.
   *
   * @param stakesGwei the stake of each of {@code validatorNames}, in the same order
   * @param mergeAtHeight the configured merge height ({@code --merge-at}), or -1
   * @param startsInPos whether the node starts straight in proof of stake ({@code --pos})
   */
  record Hello(List<String> validatorNames, List<Long> stakesGwei, String genesisDigest, long genesisTimestamp,
      long mergeAtHeight, boolean startsInPos) implements Wire {}
}
