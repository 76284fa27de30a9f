/** Ed25519 keys derived from names, addresses and domain-separated signatures (CONSENSUS.md §0). */
package io.actorchain.core.crypto;
