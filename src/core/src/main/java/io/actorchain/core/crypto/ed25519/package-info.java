/**
 * A fast, pure-Java Ed25519 (RFC 8032, pure variant): field arithmetic modulo {@code 2^255 - 19} in 51-bit limbs,
 * extended twisted Edwards coordinates, a precomputed fixed-base table for signing and key derivation, and a
 * width-5 NAF for verification. Bit-for-bit compatible with the JDK's SunEC provider, about ten times faster, and
 * deliberately not constant-time (simulator keys are public by design).
 */
package io.actorchain.core.crypto.ed25519;
