package io.actorchain.node.store;

class MemoryChainStoreTest extends ChainStoreContract {
  @Override
  protected ChainStore newStore() {
    return new MemoryChainStore();
  }
}
