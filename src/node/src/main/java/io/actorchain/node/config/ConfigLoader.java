package io.actorchain.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.File;

/**
 * Loads cluster.hocon (ARCHITECTURE.md, "Layout"): an explicit file, else the file named by the
 * {@code actorchain.config} system property (the launcher sets it), else the copy on the classpath;
 * then layers it over Pekko's and the node's reference configuration.
 */
public final class ConfigLoader {
  public static final String PROPERTY = "actorchain.config";
  public static final String RESOURCE = "cluster.hocon";

  private ConfigLoader() {}

  public static Config load(File explicit) {
    Config file;
    try {
      if (explicit != null) {
        if (!explicit.isFile()) {
          throw new SettingsException("--config", "no such file: " + explicit);
        }
        file = ConfigFactory.parseFile(explicit);
      } else if (System.getProperty(PROPERTY) != null) {
        File f = new File(System.getProperty(PROPERTY));
        if (!f.isFile()) {
          throw new SettingsException("-D" + PROPERTY, "no such file: " + f);
        }
        file = ConfigFactory.parseFile(f);
      } else {
        file = ConfigFactory.parseResources(RESOURCE);
      }
      return file.withFallback(ConfigFactory.load()).resolve();
    } catch (ConfigException e) {
      throw new SettingsException(explicit != null ? explicit.toString() : RESOURCE, "not valid HOCON: " + e.getMessage());
    }
  }

  /** The same, with {@code overrides} (e.g. from flags) on top. */
  public static Config load(File explicit, Config overrides) {
    return overrides.withFallback(load(explicit)).resolve();
  }
}
