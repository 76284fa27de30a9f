/**
 * A node's crash-safe storage (ARCHITECTURE.md, "Technology"): the block store ({@link
 * io.actorchain.node.store.ChainStore}) and the slashing-protection database ({@link
 * io.actorchain.node.store.ProtectionStore}), each in RocksDB under the node's data dir or in memory for embedded
 * runs. {@link io.actorchain.node.store.NodeStores} opens both. Values are core's canonical encodings, never Jackson
 * output. Nothing here is an actor: the actor that owns the data (ChainActor, ValidatorActor) calls the store.
 */
package io.actorchain.node.store;
