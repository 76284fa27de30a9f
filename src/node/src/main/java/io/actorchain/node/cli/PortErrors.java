package io.actorchain.node.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Locale;

/** Recognises a failure to bind a port somewhere in an exception's causes, and formats durations for messages. */
final class PortErrors {
  private PortErrors() {}

  static boolean isBindFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof BindException) {
        return true;
      }
      String name = c.getClass().getSimpleName();
      String msg = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
      if (name.contains("BindFailed") || msg.contains("address already in use") || msg.contains("failed to bind")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a server socket can bind {@code host:port} right now. */
  static boolean isFree(String host, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code 20s}, {@code 1500ms}, {@code 2m}. */
  static String describe(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0 && ms >= 60_000) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
