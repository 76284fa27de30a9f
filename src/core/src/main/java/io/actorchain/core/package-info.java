/** Pure consensus rules of ActorChain (CONSENSUS.md). No Pekko import is allowed here. */
package io.actorchain.core;
