/** Canonical byte encoding and hash roots (CONSENSUS.md §0). */
package io.actorchain.core.codec;
