package io.actorchain.node.config;

import com.typesafe.config.Config;

/** What a PeerLinkActor adds on top of the transport: latency uniform in [mean − jitter, mean + jitter], and loss. */
public record LinkSettings(long meanLatencyMillis, long jitterMillis, double loss) {
  public static final LinkSettings NONE = new LinkSettings(0, 0, 0.0);

  public LinkSettings {
    if (meanLatencyMillis < 0 || jitterMillis < 0) {
      throw new SettingsException("network.latency", "mean and jitter must not be negative");
    }
    if (jitterMillis > meanLatencyMillis) {
      throw new SettingsException("network.latency.jitter", "must not exceed the mean (" + meanLatencyMillis + " ms), got " + jitterMillis + " ms");
    }
    if (!(loss >= 0.0 && loss <= 1.0)) {
      throw new SettingsException("network.loss", "must be a probability in [0, 1], got " + loss);
    }
  }

  public static LinkSettings fromConfig(Config network, String path) {
    return new LinkSettings(
        Settings.millis(network, "latency.mean", path),
        Settings.millis(network, "latency.jitter", path),
        Settings.probability(network, "loss", path));
  }

  public LinkSettings withLatency(long mean, long jitter) {
    return new LinkSettings(mean, jitter, loss);
  }

  public LinkSettings withLoss(double newLoss) {
    return new LinkSettings(meanLatencyMillis, jitterMillis, newLoss);
  }
}
