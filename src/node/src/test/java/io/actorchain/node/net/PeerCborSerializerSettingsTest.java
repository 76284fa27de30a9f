package io.actorchain.node.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorchain.node.config.SettingsException;
import org.junit.jupiter.api.Test;

class PeerCborSerializerSettingsTest {
  private static Config with(String setting) {
    return ConfigFactory.parseString(setting).withFallback(ConfigFactory.defaultReference());
  }

  @Test
  void shouldDefaultBelowArterysFrameSize() {
    Config reference = ConfigFactory.defaultReference();
    assertThat(PeerCborSerializer.maxBytes(reference)).isEqualTo(224 * 1024)
        .isLessThan(reference.getBytes("pekko.remote.artery.advanced.maximum-frame-size"));
  }

  @Test
  void shouldRefuseALimitArteryWouldNeverLetThrough() {
    assertThatThrownBy(() -> PeerCborSerializer.maxBytes(with("actorchain.serialization.max-message-size = 256 KiB")))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("actorchain.serialization.max-message-size: 262144 bytes must be below "
            + "pekko.remote.artery.advanced.maximum-frame-size (262144 bytes)");
  }

  @Test
  void shouldRefuseALimitThatIsNotAPositiveSize() {
    assertThatThrownBy(() -> PeerCborSerializer.maxBytes(with("actorchain.serialization.max-message-size = 0")))
        .isInstanceOf(SettingsException.class)
        .hasMessage("actorchain.serialization.max-message-size: must be positive, got 0 bytes");
    assertThatThrownBy(() -> PeerCborSerializer.maxBytes(with("actorchain.serialization.max-message-size = big")))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("actorchain.serialization.max-message-size: a size such as 224 KiB is required");
  }
}
