/**
 * The fault model (ARCHITECTURE.md, "Faults"; SIMULATION.md, {@code faults}): one {@link io.actorchain.node.fault.Fault}
 * value per kind, whichever way it is injected, and the plain policies that fault behaviours follow. The behaviours
 * themselves are swapped into the actors concerned: validator faults into {@code pos.ValidatorActor}, PoW faults into
 * the miners of {@code consensus}, link faults into {@code net.PeerLinkActor}.
 */
package io.actorchain.node.fault;
