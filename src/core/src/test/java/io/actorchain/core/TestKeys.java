package io.actorchain.core;

import io.actorchain.core.crypto.Keys;
import io.actorchain.core.crypto.SigningKey;

/** Deterministic keys shared by the tests (derivation is not free, so each is made once). */
public final class TestKeys {
  public static final String CHAIN_SEED = "actorchain-test";
  public static final SigningKey ALICE = Keys.fromName(CHAIN_SEED, "alice");
  public static final SigningKey BOB = Keys.fromName(CHAIN_SEED, "bob");
  public static final SigningKey CAROL = Keys.fromName(CHAIN_SEED, "carol");
  public static final SigningKey DAVE = Keys.fromName(CHAIN_SEED, "dave");
  public static final SigningKey MINER_1 = Keys.fromName(CHAIN_SEED, "miner-1");
  public static final SigningKey MINER_2 = Keys.fromName(CHAIN_SEED, "miner-2");
  public static final SigningKey VALIDATOR_0 = Keys.fromName(CHAIN_SEED, "v0");
  public static final SigningKey VALIDATOR_1 = Keys.fromName(CHAIN_SEED, "v1");

  private TestKeys() {}
}
