/** Accounts, the validator registry and the ledger state carried by every block (CONSENSUS.md §2). */
package io.actorchain.core.state;
