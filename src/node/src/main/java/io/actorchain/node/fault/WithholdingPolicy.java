package io.actorchain.node.fault;

import io.actorchain.core.pow.PowBlock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * When a withholding node publishes the blocks its miners found (ARCHITECTURE.md, "Faults", miner faults). The node
 * imports each of its blocks into its own tree at once, so its miners build on it; the policy decides when peers see
 * it. Plain state, driven by the withholding actor of {@code consensus}; heights stand for work (blocks of one retarget
 * period weigh the same).
 */
public abstract sealed class WithholdingPolicy permits WithholdingPolicy.PrivateChain, WithholdingPolicy.SelfishMining {

  /** Blocks to publish now, oldest first, and why; empty when nothing is published. */
  public record Publication(List<PowBlock> blocks, String reason) {
    static final Publication NONE = new Publication(List.of(), "");

    public boolean isEmpty() {
      return blocks.isEmpty();
    }
  }

  /** Mined here and not yet published, oldest first. */
  final Deque<PowBlock> withheld = new ArrayDeque<>();

  /** The policy of {@code fault}, starting on a head at {@code headHeight}. */
  public static WithholdingPolicy of(Fault.PowFault fault, long headHeight) {
    if (fault instanceof Fault.PrivateChain p) {
      return new PrivateChain(p.release());
    } else if (fault instanceof Fault.SelfishMining) {
      return new SelfishMining(headHeight);
    }
    throw new IllegalArgumentException("no withholding policy for " + fault);
  }

  /** This node mined {@code block} (already in its own tree). */
  public abstract Publication onOwnBlock(PowBlock block);

  /** A peer's block joined this node's tree at {@code height}. */
  public Publication onForeignBlock(long height) {
    return Publication.NONE;
  }

  /** The node's head moved to {@code height}. */
  public Publication onHead(long height) {
    return Publication.NONE;
  }

  /** Whether the policy has published for good: the node mines honestly from now on. */
  public boolean finished() {
    return false;
  }

  /** Everything still withheld (the fault ends). */
  public Publication releaseAll(String reason) {
    return publish(withheld.size(), reason);
  }

  public int withheldCount() {
    return withheld.size();
  }

  Publication publish(int count, String reason) {
    if (count <= 0) {
      return Publication.NONE;
    }
    List<PowBlock> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(withheld.removeFirst());
    }
    return new Publication(List.copyOf(out), reason);
  }

  /** Withholds every block until {@code release} (a head height; a time is the actor's timer), then publishes all. */
  public static final class PrivateChain extends WithholdingPolicy {
    private final Fault.Release release;
    private boolean released;

    PrivateChain(Fault.Release release) {
      this.release = release;
    }

    @Override
    public Publication onOwnBlock(PowBlock block) {
      withheld.addLast(block);
      return Publication.NONE;
    }

    @Override
    public Publication onHead(long height) {
      if (!released && release != null && release.unit() == Fault.Release.Unit.HEIGHT && height >= release.value()) {
        return releaseAll("release at " + release);
      }
      return Publication.NONE;
    }

    @Override
    public Publication releaseAll(String reason) {
      released = true;
      return super.releaseAll(reason);
    }

    @Override
    public boolean finished() {
      return released;
    }
  }

  /**
   * Eyal and Sirer's selfish mining ("Majority is not enough", Algorithm 1). With a lead of one, a block of the others
   * makes it publish its block and race; with a lead of two, it publishes its branch and wins; with a longer lead, it
   * publishes the block at the others' height. Winning a race, it publishes at once; falling behind, it adopts theirs.
   */
  public static final class SelfishMining extends WithholdingPolicy {
    private long privateHeight;
    private long publicHeight;
    private boolean racing;

    SelfishMining(long headHeight) {
      this.privateHeight = headHeight;
      this.publicHeight = headHeight;
    }

    @Override
    public Publication onOwnBlock(PowBlock block) {
      long lead = privateHeight - publicHeight;
      privateHeight = block.height();
      withheld.addLast(block);
      if (racing && lead == 0) {
        racing = false;
        publicHeight = privateHeight;
        return releaseAll("won the race");
      }
      return Publication.NONE;
    }

    @Override
    public Publication onForeignBlock(long height) {
      if (height <= publicHeight) {
        return Publication.NONE;
      }
      publicHeight = height;
      long lead = privateHeight - height;
      if (lead < 0) {
        withheld.clear(); // behind: adopt the others' chain
        racing = false;
        privateHeight = height;
        return Publication.NONE;
      }
      if (lead == 0) {
        racing = !withheld.isEmpty();
        return releaseAll("race");
      }
      if (lead == 1) {
        racing = false;
        publicHeight = privateHeight;
        return releaseAll("lead of two");
      }
      int upTo = 0;
      for (PowBlock b : withheld) {
        if (b.height() <= height) {
          upTo++;
        }
      }
      return publish(upTo, "match");
    }
  }
}
