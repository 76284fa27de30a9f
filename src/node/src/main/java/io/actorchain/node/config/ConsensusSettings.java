package io.actorchain.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import io.actorchain.core.pos.ConsensusConfig;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code actorchain.consensus} (CONSENSUS.md §1, §4): the preset, constant overrides, and the merge.
 *
 * @param mergeAtHeight the PoW height whose block becomes the terminal block, or -1 for no merge
 * @param mergeConfirmations how far past that height the canonical head must be before the swap
 */
public record ConsensusSettings(ConsensusConfig config, long mergeAtHeight, int mergeConfirmations) {
  public static final ConsensusSettings NONE = new ConsensusSettings(ConsensusConfig.minimal(), -1, 2);

  public static ConsensusSettings fromConfig(Config root) {
    String base = "actorchain.consensus";
    if (!root.hasPath(base)) {
      return NONE;
    }
    Config c = root.getConfig(base);
    String preset = c.hasPath("preset") ? Settings.string(c, "preset", base) : "minimal";
    ConsensusConfig config;
    try {
      config = ConsensusConfig.preset(preset);
    } catch (IllegalArgumentException e) {
      throw new SettingsException(base + ".preset", e.getMessage());
    }
    if (c.hasPath("overrides")) {
      config = applyOverrides(config, c.getConfig("overrides"), base + ".overrides");
    }
    long at = c.hasPath("merge.at-height") ? Settings.longAtLeast(c, "merge.at-height", base, -1) : -1;
    int confirmations = c.hasPath("merge.confirmations") ? Settings.intAtLeast(c, "merge.confirmations", base, 0) : 2;
    return new ConsensusSettings(config, at, confirmations);
  }

  /** Applies {@code NAME = value} overrides in name order; each error names its key. */
  public static ConsensusConfig applyOverrides(ConsensusConfig config, Config overrides, String path) {
    Map<String, ConfigValue> sorted = new TreeMap<>();
    overrides.root().forEach(sorted::put);
    ConsensusConfig out = config;
    for (Map.Entry<String, ConfigValue> e : sorted.entrySet()) {
      try {
        out = out.with(e.getKey(), e.getValue().unwrapped());
      } catch (IllegalArgumentException ex) {
        throw new SettingsException(path + "." + e.getKey(), ex.getMessage());
      }
    }
    return out;
  }

  public boolean merges() {
    return mergeAtHeight >= 0;
  }

  public ConsensusSettings withMergeAt(long height) {
    return new ConsensusSettings(config, height, mergeConfirmations);
  }

  public ConsensusSettings withConfig(ConsensusConfig c) {
    return new ConsensusSettings(c, mergeAtHeight, mergeConfirmations);
  }
}
