package io.actorchain.node.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * While a node waits to join, every failed connection to a seed that is not up (yet) makes Artery
 * warn. That is expected, and `node` reports the outcome itself in one line ("cannot join the
 * cluster: ..."), so these loggers are raised to ERROR until the member is Up. Loggers that the
 * user turned up to INFO or DEBUG are left alone.
 */
final class QuietJoin implements AutoCloseable {
  static final List<String> LOGGERS = List.of(
      "org.apache.pekko.stream.Materializer",
      "org.apache.pekko.remote.artery",
      "org.apache.pekko.cluster.JoinSeedNodeProcess",
      "org.apache.pekko.cluster.FirstSeedNodeProcess");

  private final Map<Logger, Level> saved = new LinkedHashMap<>();

  private QuietJoin() {}

  static QuietJoin start() {
    QuietJoin q = new QuietJoin();
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      for (String name : LOGGERS) {
        Logger logger = context.getLogger(name);
        if (logger.getEffectiveLevel().isGreaterOrEqual(Level.WARN)) {
          q.saved.put(logger, logger.getLevel());
          logger.setLevel(Level.ERROR);
        }
      }
    }
    return q;
  }

  /** Restores the levels (a null level inherits from the parent again). */
  @Override
  public void close() {
    saved.forEach(Logger::setLevel);
    saved.clear();
  }
}
