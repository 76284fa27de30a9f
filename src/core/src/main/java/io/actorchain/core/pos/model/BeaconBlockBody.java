package io.actorchain.core.pos.model;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.crypto.Signature;
import io.actorchain.core.tx.Transaction;
import java.util.List;

/** {@code body{randaoReveal, attestations, proposerSlashings, attesterSlashings, transactions}} (CONSENSUS.md §5.2). */
public record BeaconBlockBody(Signature randaoReveal, List<Attestation> attestations,
    List<ProposerSlashing> proposerSlashings, List<AttesterSlashing> attesterSlashings, List<Transaction> transactions)
    implements Canonical {
  public BeaconBlockBody {
    attestations = List.copyOf(attestations);
    proposerSlashings = List.copyOf(proposerSlashings);
    attesterSlashings = List.copyOf(attesterSlashings);
    transactions = List.copyOf(transactions);
  }

  @Override
  public void writeTo(CanonicalWriter w) {
    randaoReveal.writeTo(w);
    w.list(attestations, (ww, a) -> a.writeTo(ww));
    w.list(proposerSlashings, (ww, s) -> s.writeTo(ww));
    w.list(attesterSlashings, (ww, s) -> s.writeTo(ww));
    w.list(transactions, (ww, t) -> t.writeTo(ww));
  }

  public static BeaconBlockBody read(CanonicalReader r) {
    return new BeaconBlockBody(Signature.read(r), r.list(Attestation::read), r.list(ProposerSlashing::read),
        r.list(AttesterSlashing::read), r.list(Transaction::read));
  }
}
