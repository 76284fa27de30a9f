package io.actorchain.core.pow;

import io.actorchain.core.codec.Hash32;
import java.util.Optional;

/** What {@link BlockTree#importBlock} did with a block. */
public sealed interface ImportResult
    permits ImportResult.Imported, ImportResult.Invalid, ImportResult.MissingParent, ImportResult.Duplicate {

  /** Stored; {@code headChanged} if it is the new head, with {@code reorg} if old canonical blocks were abandoned. */
  record Imported(PowBlock block, boolean headChanged, Optional<Reorg> reorg) implements ImportResult {}

  record Invalid(BlockRejection rejection) implements ImportResult {}

  /** The parent is unknown: fetch it, then import this block again. */
  record MissingParent(Hash32 parentHash) implements ImportResult {}

  /** Already stored. */
  record Duplicate() implements ImportResult {}
}
