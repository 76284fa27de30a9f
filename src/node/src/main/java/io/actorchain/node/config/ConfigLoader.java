package io.actorchain.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.File;

/**
 * Loads cluster.hocon (ARCHITECTURE.md, "Layout"): an explicit file, else the file named by the
 * {@code actorchain.config} system property (the launcher sets it), else the copy on the classpath;
 * then layers it over Pekko's and the node's reference configuration. The one loader every command uses.
 */
public final class ConfigLoader {
  public static final String PROPERTY = "actorchain.config";
  public static final String RESOURCE = "cluster.hocon";

  private ConfigLoader() {}

  public static Config load(File explicit) {
    File file = explicit;
    if (file == null && System.getProperty(PROPERTY) != null) {
      file = new File(System.getProperty(PROPERTY));
    }
    ConfigParseOptions strict = ConfigParseOptions.defaults().setAllowMissing(false);
    try {
      Config parsed;
      if (file != null) {
        if (!file.isFile()) {
          throw new SettingsException("--config", "no such file: " + file);
        }
        parsed = ConfigFactory.parseFile(file, strict);
      } else {
        parsed = ConfigFactory.parseResources(RESOURCE, strict);
      }
      return parsed.withFallback(ConfigFactory.load()).resolve();
    } catch (ConfigException.IO e) {
      throw new SettingsException("--config", file == null
          ? "no " + RESOURCE + " on the classpath; pass --config FILE (scripts/actorchain passes the repository's)"
          : "cannot read " + file + ": " + e.getMessage());
    } catch (ConfigException e) {
      throw new SettingsException("--config", "not valid HOCON in " + (file == null ? RESOURCE : file) + ": "
          + e.getMessage());
    }
  }

  /** The same, with {@code overrides} (e.g. from flags) on top. */
  public static Config load(File explicit, Config overrides) {
    return overrides.withFallback(load(explicit)).resolve();
  }
}
