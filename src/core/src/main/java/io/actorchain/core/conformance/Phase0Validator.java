package io.actorchain.core.conformance;

import io.actorchain.core.codec.Hash32;

/**
 * A phase0 {@code Validator} (121 bytes in SSZ). Epochs are unsigned; FAR_FUTURE_EPOCH (2^64 − 1) reads as −1.
 */
public record Phase0Validator(BlsPubKey pubkey, Hash32 withdrawalCredentials, long effectiveBalance, boolean slashed,
    long activationEligibilityEpoch, long activationEpoch, long exitEpoch, long withdrawableEpoch) {
  public static final int SSZ_SIZE = BlsPubKey.WIDTH + Hash32.WIDTH + 8 + 1 + 4 * 8;

  static Phase0Validator read(SszReader r) {
    return new Phase0Validator(BlsPubKey.wrap(r.bytes(BlsPubKey.WIDTH, "pubkey")),
        r.bytes32("withdrawal_credentials"), r.u64("effective_balance"), r.bool("slashed"),
        r.u64("activation_eligibility_epoch"), r.u64("activation_epoch"), r.u64("exit_epoch"),
        r.u64("withdrawable_epoch"));
  }
}
