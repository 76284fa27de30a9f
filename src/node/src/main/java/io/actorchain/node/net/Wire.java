package io.actorchain.node.net;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
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
  @JsonSubTypes.Type(value = Wire.BeaconBlocksRequest.class, name = "getBeaconBlocks"),
  @JsonSubTypes.Type(value = Wire.BeaconBlocksResponse.class, name = "beaconBlocks"),
  @JsonSubTypes.Type(value = Wire.Hello.class, name = "hello"),
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

  /** A proof-of-stake block announced by flooding. */
  record BeaconBlockGossip(byte[] bytes) implements Wire {}

  /** One validator's attestation announced by flooding. */
  record AttestationGossip(byte[] bytes) implements Wire {}

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
