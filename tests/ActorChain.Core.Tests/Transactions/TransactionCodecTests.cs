using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Transactions;
using CsCheck;
using static ActorChain.Core.Tests.TestKeys;

namespace ActorChain.Core.Tests.Transactions;

public sealed class TransactionCodecTests
{
    private static readonly Transfer TransferTx = Transfer.Sign(Alice, Bob.Address, 1_000, 10, 2, 7);
    private static readonly Deposit DepositTx = Deposit.Sign(Alice, Validator0.PublicKey, 32, 5, 1, 8);
    private static readonly Exit ExitTx = Exit.Sign(Validator0, 3, 12);
    private static readonly Transaction[] All = [TransferTx, DepositTx, ExitTx];

    private static readonly ulong[] Edges = [0UL, 1UL, long.MaxValue, 1UL << 63, ulong.MaxValue];
    private static readonly Gen<ulong> AnyU64 = Gen.OneOf(Gen.ULong, Gen.Int[0, Edges.Length - 1].Select(i => Edges[i]));

    /// <summary>Any transaction, including out-of-range values and signatures that do not verify.</summary>
    private static readonly Gen<Transaction> AnyTx = Gen.OneOf<Transaction>(
        Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[20], AnyU64, AnyU64, AnyU64, AnyU64, Gen.Byte.Array[64],
            (f, to, a, m, t, n, s) => new Transfer(new PubKey(f), new Address(to), a, m, t, n, new Signature(s))),
        Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[32], AnyU64, AnyU64, AnyU64, AnyU64, Gen.Byte.Array[64],
            (f, v, a, m, t, n, s) => new Deposit(new PubKey(f), new PubKey(v), a, m, t, n, new Signature(s))),
        Gen.Select(AnyU64, AnyU64, Gen.Byte.Array[64], (i, e, s) => new Exit(i, e, new Signature(s))));

    private static Transaction Decode(byte[] bytes)
    {
        Transaction.TryDecode(bytes, out var tx, out var error).Should().BeTrue(error);
        return tx!;
    }

    private static string Rejection(byte[] bytes)
    {
        Transaction.TryDecode(bytes, out var tx, out var error).Should().BeFalse($"{tx} should not decode");
        return error!;
    }

    [Fact]
    public void Round_trips_every_transaction_type()
    {
        foreach (var tx in All)
        {
            var decoded = Decode(tx.Canonical());
            decoded.Should().Be(tx);
            decoded.Id.Should().Be(tx.Id);
            decoded.Canonical().Should().Equal(tx.Canonical());
        }
    }

    [Fact]
    public void Round_trips_any_transaction_through_bytes_and_a_reader() =>
        AnyTx.Sample(tx =>
        {
            var bytes = tx.Canonical();
            bytes.Should().HaveCount(tx.EncodedLength);
            Decode(bytes).Should().Be(tx);
            Canonical.Encode(tx).Should().Equal(bytes);
            Canonical.TryDecode(bytes, Transaction.Read, out var read, out var error).Should().BeTrue(error);
            read.Should().Be(tx);
            Canonical.Root(tx).Should().Be(tx.Id);
        });

    [Fact]
    public void Starts_with_the_type_tag()
    {
        TransferTx.Canonical()[0].Should().Be(Transaction.TagTransfer);
        DepositTx.Canonical()[0].Should().Be(Transaction.TagDeposit);
        ExitTx.Canonical()[0].Should().Be(Transaction.TagExit);
        TransferTx.Canonical().Should().HaveCount(149);
        DepositTx.Canonical().Should().HaveCount(161);
        ExitTx.Canonical().Should().HaveCount(1 + 8 + 8 + 64);
    }

    [Fact]
    public void Signs_the_canonical_form_without_the_signature()
    {
        foreach (var tx in All)
        {
            var full = tx.Canonical();
            tx.SigningRoot.Should().Be(Sha256.Hash(full.AsSpan(0, full.Length - 64)));
            tx.Id.Should().Be(Sha256.Hash(full)).And.NotBe(tx.SigningRoot);
        }

        Signatures.Verify(Alice.PublicKey, Domain.Tx, TransferTx.SigningRoot, TransferTx.Sig).Should().BeTrue();
        Signatures.Verify(Validator0.PublicKey, Domain.Tx, ExitTx.SigningRoot, ExitTx.Sig).Should().BeTrue();
    }

    [Fact]
    public void Keeps_the_signing_root_when_only_the_signature_changes()
    {
        var resigned = TransferTx with { Sig = DepositTx.Sig };
        resigned.SigningRoot.Should().Be(TransferTx.SigningRoot);
        resigned.Id.Should().NotBe(TransferTx.Id);
    }

    [Fact]
    public void Exposes_fees_sender_and_nonce()
    {
        TransferTx.Sender.Should().Be(Alice.Address);
        TransferTx.Tip.Should().Be(2);
        TransferTx.MaxFee.Should().Be(10);
        TransferTx.Nonce.Should().Be(7);
        DepositTx.Sender.Should().Be(Alice.Address);
        DepositTx.FromAddress.Should().Be(Alice.Address);
        ExitTx.Sender.Should().BeNull();
        ExitTx.Should().NotBeAssignableTo<Payment>("an exit pays no fee and uses no account nonce");
    }

    [Fact]
    public void A_copy_with_another_sender_key_has_that_keys_address()
    {
        TransferTx.FromAddress.Should().Be(Alice.Address);
        var copy = TransferTx with { From = Validator0.PublicKey };

        copy.FromAddress.Should().Be(Validator0.PublicKey.Address);
        copy.Sender.Should().Be(Validator0.PublicKey.Address);
        TransferTx.FromAddress.Should().Be(Alice.Address);
        copy.Should().NotBe(TransferTx);
        (TransferTx with { }).Should().Be(TransferTx);
    }

    [Fact]
    public void Describes_itself_for_logs()
    {
        TransferTx.Summary().Should().Contain("transfer 0.000001 coins").And.Contain("nonce 7");
        DepositTx.Summary().Should().Contain("deposit").And.Contain("validator " + Validator0.PublicKey.ShortHex());
        ExitTx.Summary().Should().Be("exit of validator 3 at epoch 12");
    }

    [Fact]
    public void Rejects_an_unknown_type_tag()
    {
        var bytes = TransferTx.Canonical();
        bytes[0] = 9;
        Rejection(bytes).Should().Contain("unknown transaction type tag 9");
        Canonical.TryDecode(bytes, Transaction.Read, out _, out var error).Should().BeFalse();
        error.Should().Contain("unknown transaction type tag 9");
    }

    [Fact]
    public void Rejects_every_truncation_and_trailing_bytes()
    {
        foreach (var tx in All)
        {
            var bytes = tx.Canonical();
            for (var len = 0; len < bytes.Length; len++)
            {
                Rejection(bytes[..len]).Should().Contain("truncated");
                Canonical.TryDecode(bytes.AsMemory(0, len), Transaction.Read, out _, out _).Should().BeFalse();
            }

            byte[] longer = [.. bytes, 0];
            Rejection(longer).Should().Contain("trailing");
            Canonical.TryDecode(longer, Transaction.Read, out _, out var e).Should().BeFalse();
            e.Should().Contain("trailing");
        }
    }

    [Fact]
    public void Either_rejects_garbage_or_decodes_it_canonically() =>
        Gen.Byte.Array[0, 200].Sample(garbage =>
        {
            if (garbage.Length > 0)
            {
                garbage[0] = (byte)(1 + (garbage[0] % 4));
            }

            if (Transaction.TryDecode(garbage, out var tx, out var error))
            {
                tx.Canonical().Should().Equal(garbage);
            }
            else
            {
                error.Should().NotBeNullOrEmpty();
            }
        });
}
