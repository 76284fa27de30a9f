/**
 * Time for ActorChain: the {@link io.actorchain.node.time.Clock} abstraction and the virtual-time
 * machinery behind {@code simulate}.
 *
 * <p>Real time comes from {@link io.actorchain.node.time.SystemClock}. Virtual time comes from a
 * {@link io.actorchain.node.time.VirtualScheduler} (the ActorSystem's Pekko scheduler) whose clock
 * only moves when the system's single {@link io.actorchain.node.time.VirtualTimeLoop} thread has
 * nothing left to do. {@link io.actorchain.node.time.VirtualTime} is the facade a simulation uses
 * to configure and drive such a system.
 */
package io.actorchain.node.time;
