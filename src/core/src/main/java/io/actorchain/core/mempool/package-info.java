/** The pending-transaction pool and its admission, ordering and eviction policy. */
package io.actorchain.core.mempool;
