package io.actorchain.node.store;

class MemoryProtectionStoreTest extends ProtectionStoreContract {
  @Override
  protected ProtectionStore newStore() {
    return new MemoryProtectionStore();
  }
}
