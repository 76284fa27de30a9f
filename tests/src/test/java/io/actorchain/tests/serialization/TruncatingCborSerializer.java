package io.actorchain.tests.serialization;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.util.Arrays;
import java.util.Optional;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.apache.pekko.serialization.jackson.JacksonSerializer;

/**
 * A faulty peer's serializer, for {@link PeerMessageDropOverArteryTest}: configured in the sending system under the
 * binding name of the receiver's {@code PeerCborSerializer}, so it has the same identifier and writes the same CBOR,
 * except that a {@link PeerMessageDropOverArteryTest.Poison} message goes out cut in half.
 */
public final class TruncatingCborSerializer extends JacksonSerializer {
  public TruncatingCborSerializer(ExtendedActorSystem system, String bindingName) {
    super(system, bindingName, JacksonObjectMapperProvider.get(system).getOrCreate(bindingName,
        Optional.of(new CBORFactory())));
  }

  @Override
  public byte[] toBinary(Object o) {
    byte[] bytes = super.toBinary(o);
    return o instanceof PeerMessageDropOverArteryTest.Poison ? Arrays.copyOf(bytes, bytes.length / 2) : bytes;
  }
}
