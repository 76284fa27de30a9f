/** Transactions, their validity, fees and application (CONSENSUS.md §2). */
package io.actorchain.core.tx;
