package io.actorchain.node.config;

/** A bad configuration value: names the key path and what is allowed. Shown to the user as one line. */
public final class SettingsException extends RuntimeException {
  public SettingsException(String keyPath, String problem) {
    super(keyPath + ": " + problem);
  }
}
