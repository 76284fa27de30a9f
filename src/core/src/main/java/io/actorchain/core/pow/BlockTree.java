package io.actorchain.core.pow;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.state.LedgerState;
import io.actorchain.core.tx.SignatureCheck;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The proof-of-work chain store and fork choice (CONSENSUS.md §3): every valid block with its post-state and total
 * difficulty; the head is the block with the greatest total difficulty, and on a tie the current head stays (the
 * first seen wins). Mutable, with one owner. Blocks whose parent is unknown are not kept: the caller fetches the
 * parent and imports the block again.
 */
public final class BlockTree {
  private static final int SIGNATURE_CACHE_CAPACITY = 16_384;
  private static final int INVALID_MEMORY = 4_096;

  private record Node(PowBlock block, LedgerState state, BigInteger totalDifficulty, Node parent) {
    long height() {
      return block.height();
    }
  }

  private final PowParams params;
  private final Node genesis;
  private final Map<Hash32, Node> nodes = new HashMap<>(); // lookups only; never iterated
  private final List<Node> canonical = new ArrayList<>(); // index = height
  private final SignatureCheck sigs = SignatureCheck.cached(SIGNATURE_CACHE_CAPACITY);
  private final Map<Hash32, BlockRejection> invalid = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Hash32, BlockRejection> eldest) {
      return size() > INVALID_MEMORY;
    }
  };
  private Node head;

  public BlockTree(PowBlock genesis, LedgerState genesisState, PowParams p) {
    if (genesis.height() != 0) {
      throw new IllegalArgumentException("the genesis block must have height 0, got " + genesis.height());
    }
    this.params = p;
    this.genesis = new Node(genesis, genesisState, Targets.work(genesis.target()), null);
    nodes.put(genesis.hash(), this.genesis);
    canonical.add(this.genesis);
    head = this.genesis;
  }

  /** Validates {@code b} against its parent and the local clock, stores it, and moves the head if it is heavier. */
  public ImportResult importBlock(PowBlock b, long nowMillis) {
    Hash32 hash = b.hash();
    if (nodes.containsKey(hash)) {
      return new ImportResult.Duplicate();
    }
    BlockRejection known = invalid.get(hash);
    if (known != null) {
      return new ImportResult.Invalid(known);
    }
    if (invalid.containsKey(b.parentHash())) {
      return invalid(hash, new BlockRejection(PowInvalidReason.INVALID_PARENT, "parent " + b.parentHash()));
    }
    Node parent = nodes.get(b.parentHash());
    if (parent == null) {
      return new ImportResult.MissingParent(b.parentHash());
    }
    PowBlockRules.Result result = PowBlockRules.apply(b, context(parent), nowMillis, params, sigs);
    if (result instanceof PowBlockRules.Rejected rejected) {
      return invalid(hash, rejected.rejection());
    }
    LedgerState post = ((PowBlockRules.Applied) result).postState();
    Node node = new Node(b, post, parent.totalDifficulty().add(Targets.work(b.target())), parent);
    nodes.put(hash, node);
    if (node.totalDifficulty().compareTo(head.totalDifficulty()) > 0) {
      return new ImportResult.Imported(b, true, setHead(node));
    }
    return new ImportResult.Imported(b, false, Optional.empty());
  }

  /**
   * Remembers a rejection unless it may not hold later: a timestamp too far ahead may become valid, and a body that
   * does not match its header says nothing about the header (the same hash may come with the right body).
   */
  private ImportResult invalid(Hash32 hash, BlockRejection rejection) {
    PowInvalidReason reason = rejection.reason();
    if (reason != PowInvalidReason.TIMESTAMP_TOO_FAR_IN_FUTURE && reason != PowInvalidReason.BAD_TX_ROOT) {
      invalid.put(hash, rejection);
    }
    return new ImportResult.Invalid(rejection);
  }

  private Optional<Reorg> setHead(Node newHead) {
    Node oldHead = head;
    List<Node> branch = new ArrayList<>();
    Node n = newHead;
    while (!isCanonical(n)) {
      branch.add(n);
      n = n.parent();
    }
    Node ancestor = n;
    while (canonical.size() > ancestor.height() + 1) {
      canonical.remove(canonical.size() - 1);
    }
    Collections.reverse(branch);
    canonical.addAll(branch);
    head = newHead;
    int depth = Math.toIntExact(oldHead.height() - ancestor.height());
    if (depth == 0) {
      return Optional.empty();
    }
    return Optional.of(new Reorg(oldHead.block().hash(), newHead.block().hash(), ancestor.block().hash(), depth,
        oldHead.height(), newHead.height()));
  }

  private boolean isCanonical(Node n) {
    return n.height() < canonical.size() && canonical.get((int) n.height()) == n;
  }

  /** The ancestor of {@code from} (or itself) at {@code height ≤ from.height}. */
  private Node ancestorAt(Node from, long height) {
    Node n = from;
    while (n.height() > height) {
      if (isCanonical(n)) {
        return canonical.get((int) height);
      }
      n = n.parent();
    }
    return n;
  }

  private BlockContext context(Node parent) {
    return BlockContext.childOf(params, parent.block().header(),
        height -> ancestorAt(parent, height).block().timestamp(), parent.state());
  }

  private Node node(Hash32 hash) {
    Node n = nodes.get(hash);
    if (n == null) {
      throw new NoSuchElementException("unknown block " + hash);
    }
    return n;
  }

  /** The context to build or check a child of {@code parentHash}; throws NoSuchElementException if unknown. */
  public BlockContext contextFor(Hash32 parentHash) {
    return context(node(parentHash));
  }

  public PowBlock head() {
    return head.block();
  }

  public LedgerState headState() {
    return head.state();
  }

  /** The post-state of a stored block; throws NoSuchElementException if unknown. */
  public LedgerState stateOf(Hash32 hash) {
    return node(hash).state();
  }

  /** The sum of the work of the block and all its ancestors, genesis included; throws if unknown. */
  public BigInteger totalDifficulty(Hash32 hash) {
    return node(hash).totalDifficulty();
  }

  public Optional<PowBlock> get(Hash32 hash) {
    return Optional.ofNullable(nodes.get(hash)).map(Node::block);
  }

  public boolean contains(Hash32 hash) {
    return nodes.containsKey(hash);
  }

  /** Whether {@code hash} is on the chain from genesis to the head. */
  public boolean isCanonical(Hash32 hash) {
    Node n = nodes.get(hash);
    return n != null && isCanonical(n);
  }

  /** A remembered rejection of {@code hash}, if it was imported and found invalid. */
  public Optional<BlockRejection> knownInvalid(Hash32 hash) {
    return Optional.ofNullable(invalid.get(hash));
  }

  /** The block at {@code height} on the chain from genesis to the head. */
  public Optional<PowBlock> canonicalAt(long height) {
    if (height < 0 || height >= canonical.size()) {
      return Optional.empty();
    }
    return Optional.of(canonical.get((int) height).block());
  }

  /** Up to {@code max} blocks from {@code from} (inclusive) towards genesis; empty if {@code from} is unknown. */
  public List<PowBlock> ancestors(Hash32 from, int max) {
    List<PowBlock> out = new ArrayList<>();
    for (Node n = nodes.get(from); n != null && out.size() < max; n = n.parent()) {
      out.add(n.block());
    }
    return List.copyOf(out);
  }

  /** The number of stored blocks, genesis included. */
  public int size() {
    return nodes.size();
  }

  /** Stored blocks that are not on the canonical chain. */
  public int orphanCount() {
    return nodes.size() - canonical.size();
  }

  public PowBlock genesis() {
    return genesis.block();
  }

  public PowParams params() {
    return params;
  }
}
