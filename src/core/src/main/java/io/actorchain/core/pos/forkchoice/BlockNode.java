package io.actorchain.core.pos.forkchoice;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;
import java.util.ArrayList;
import java.util.List;

/** A block in the fork-choice tree, with its post-state and the checkpoints that state holds. Store-private. */
final class BlockNode {
  final Hash32 root;
  final long slot;
  final BeaconBlock block; // null for the anchor
  final BeaconState state;
  final Checkpoint justified;
  final Checkpoint finalized;
  final List<BlockNode> children = new ArrayList<>();
  BlockNode parent; // null for the anchor, and for the finalized block once the tree is pruned
  int index; // position in the store's insertion order: a parent always comes before its children

  BlockNode(Hash32 root, long slot, BeaconBlock block, BeaconState state, BlockNode parent) {
    this.root = root;
    this.slot = slot;
    this.block = block;
    this.state = state;
    this.justified = state.currentJustified();
    this.finalized = state.finalized();
    this.parent = parent;
  }
}
