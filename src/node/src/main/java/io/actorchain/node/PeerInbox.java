package io.actorchain.node;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.MalformedEncodingException;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pow.PowBlock;
import io.actorchain.core.tx.Transaction;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.MempoolActor;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.net.Wire;
import io.actorchain.node.slashing.SlasherActor;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Where a peer's payload goes in its node (the guardian's routing of {@link Wire} messages, Hello aside): byte payloads
 * are decoded strictly here, so a malformed one throws before anything reaches the chain, mempool or slasher.
 */
final class PeerInbox {
  private final ActorRef<ChainActor.Command> chain;
  private final ActorRef<MempoolActor.Command> mempool;
  private final ActorRef<SlasherActor.Command> slasher;
  private final ActorRef<ChainActor.BlocksFound> served;
  private final ActorRef<PosCommand.BeaconBlocksFound> beaconServed;

  PeerInbox(ActorRef<ChainActor.Command> chain, ActorRef<MempoolActor.Command> mempool,
      ActorRef<SlasherActor.Command> slasher, ActorRef<ChainActor.BlocksFound> served,
      ActorRef<PosCommand.BeaconBlocksFound> beaconServed) {
    this.chain = chain;
    this.mempool = mempool;
    this.slasher = slasher;
    this.served = served;
    this.beaconServed = beaconServed;
  }

  /**
   * Hands {@code w} from node {@code from} to the actor concerned.
   *
   * @throws MalformedEncodingException if its bytes do not decode, or it is of no known kind
   */
  void deliver(int from, Wire w) {
    if (w instanceof Wire.BlockGossip b) {
      chain.tell(new ChainActor.ImportBlock(PowBlock.decode(b.bytes()), from));
    } else if (w instanceof Wire.TxGossip t) {
      mempool.tell(new MempoolActor.Submit(Transaction.decode(t.bytes()), from, null));
    } else if (w instanceof Wire.BlocksRequest r) {
      chain.tell(new ChainActor.ServeBlocks(Hash32.wrap(r.root()), r.max(), from, served));
    } else if (w instanceof Wire.BlocksResponse r) {
      for (byte[] bytes : r.blocks()) {
        chain.tell(new ChainActor.ImportBlock(PowBlock.decode(bytes), from));
      }
    } else if (w instanceof Wire.BeaconBlockGossip b) {
      chain.tell(new PosCommand.ImportBeaconBlock(b.block(), from));
    } else if (w instanceof Wire.AttestationGossip a) {
      chain.tell(new PosCommand.ImportAttestations(List.of(a.attestation()), from));
    } else if (w instanceof Wire.AttestationBatch a) {
      chain.tell(new PosCommand.ImportAttestations(a.attestations(), from));
    } else if (w instanceof Wire.ProposerSlashingGossip p) {
      slasher.tell(new SlasherActor.FromPeer(p.slashing(), from));
    } else if (w instanceof Wire.AttesterSlashingGossip a) {
      slasher.tell(new SlasherActor.FromPeer(a.slashing(), from));
    } else if (w instanceof Wire.BeaconBlocksRequest r) {
      chain.tell(new PosCommand.ServeBeaconBlocks(Hash32.wrap(r.root()), r.max(), from, beaconServed));
    } else if (w instanceof Wire.BeaconBlocksResponse r) {
      for (byte[] bytes : r.blocks()) {
        chain.tell(new PosCommand.ImportBeaconBlock(BeaconBlock.decode(bytes), from));
      }
    } else {
      throw new MalformedEncodingException("unknown payload " + w);
    }
  }
}
