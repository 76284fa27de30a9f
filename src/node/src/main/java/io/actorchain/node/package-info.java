/** Actors, cluster wiring, CLI and HTTP around the pure core. */
package io.actorchain.node;
