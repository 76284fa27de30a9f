package io.actorchain.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.TestKeys;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.MalformedEncodingException;
import io.actorchain.core.crypto.Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountsTest {
  private static final Address ALICE = TestKeys.ALICE.address();
  private static final Address BOB = TestKeys.BOB.address();
  private static final Address CAROL = TestKeys.CAROL.address();

  @Test
  void shouldReturnAnEmptyAccountForAnUnknownAddress() {
    assertThat(Accounts.empty().get(ALICE)).isEqualTo(Account.empty(ALICE));
    assertThat(Accounts.empty().size()).isZero();
  }

  @Test
  void shouldListAccountsInAddressOrderWhateverTheInsertionOrder() {
    Accounts a = Accounts.of(List.of(new Account(CAROL, 3, 0), new Account(ALICE, 1, 0), new Account(BOB, 2, 0)));
    Accounts b = Accounts.empty().with(new Account(BOB, 2, 0)).with(new Account(ALICE, 1, 0))
        .with(new Account(CAROL, 3, 0));

    assertThat(a.all()).extracting(Account::address).isSorted();
    assertThat(a).isEqualTo(b);
    assertThat(a.root()).isEqualTo(b.root());
    assertThat(a.canonical()).isEqualTo(b.canonical());
  }

  @Test
  void shouldLeaveTheOriginalUnchangedByWith() {
    Accounts before = Accounts.of(List.of(new Account(ALICE, 10, 0)));
    Accounts after = before.with(new Account(ALICE, 5, 1));

    assertThat(before.get(ALICE).balance()).isEqualTo(10);
    assertThat(after.get(ALICE)).isEqualTo(new Account(ALICE, 5, 1));
    assertThat(after.root()).isNotEqualTo(before.root());
  }

  @Test
  void shouldNotStoreEmptyAccounts() {
    Accounts withEmpty = Accounts.of(List.of(Account.empty(ALICE), new Account(BOB, 1, 0)));

    assertThat(withEmpty.size()).isEqualTo(1);
    assertThat(withEmpty).isEqualTo(Accounts.of(List.of(new Account(BOB, 1, 0))));
    assertThat(withEmpty.with(Account.empty(BOB))).isEqualTo(Accounts.empty());
  }

  @Test
  void shouldRefuseTheSameAddressTwice() {
    assertThatThrownBy(() -> Accounts.of(List.of(new Account(ALICE, 1, 0), new Account(ALICE, 2, 0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
  }

  @Test
  void shouldKeepBuiltAccountsImmutableWhileTheBuilderGoesOn() {
    Accounts.Builder builder = Accounts.empty().toBuilder();
    builder.put(new Account(ALICE, 1, 0));
    Accounts first = builder.build();
    builder.put(new Account(ALICE, 2, 0)).put(new Account(BOB, 3, 0));
    Accounts second = builder.build();

    assertThat(first.get(ALICE).balance()).isEqualTo(1);
    assertThat(first.size()).isEqualTo(1);
    assertThat(second.get(ALICE).balance()).isEqualTo(2);
    assertThat(builder.get(BOB).balance()).isEqualTo(3);
    assertThat(builder.get(CAROL)).isEqualTo(Account.empty(CAROL));
  }

  @Test
  void shouldSumBalances() {
    Accounts a = Accounts.of(List.of(new Account(ALICE, 10, 0), new Account(BOB, 32, 4)));
    assertThat(a.totalBalance()).isEqualTo(42);
  }

  @Test
  void shouldRoundTripTheCanonicalForm() {
    Accounts a = Accounts.of(List.of(new Account(ALICE, 10, 2), new Account(BOB, Long.MAX_VALUE, 0)));
    Accounts decoded = CanonicalReader.decode(a.canonical(), Accounts::read);

    assertThat(decoded).isEqualTo(a);
    assertThat(decoded.canonical()).isEqualTo(a.canonical());
    Account one = new Account(CAROL, 7, 9);
    assertThat(CanonicalReader.decode(one.canonical(), Account::read)).isEqualTo(one);
  }

  @Test
  void shouldRejectAccountsOutOfOrderRepeatedOrEmpty() {
    Account low = new Account(ALICE.compareTo(BOB) < 0 ? ALICE : BOB, 1, 0);
    Account high = new Account(ALICE.compareTo(BOB) < 0 ? BOB : ALICE, 1, 0);
    byte[] unsorted = new CanonicalWriter().list(List.of(high, low), (w, a) -> a.writeTo(w)).toByteArray();
    byte[] repeated = new CanonicalWriter().list(List.of(low, low), (w, a) -> a.writeTo(w)).toByteArray();
    byte[] empty = new CanonicalWriter().list(List.of(Account.empty(ALICE)), (w, a) -> a.writeTo(w)).toByteArray();

    assertThatThrownBy(() -> CanonicalReader.decode(unsorted, Accounts::read))
        .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("ascending");
    assertThatThrownBy(() -> CanonicalReader.decode(repeated, Accounts::read))
        .isInstanceOf(MalformedEncodingException.class);
    assertThatThrownBy(() -> CanonicalReader.decode(empty, Accounts::read))
        .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("empty");
  }
}
