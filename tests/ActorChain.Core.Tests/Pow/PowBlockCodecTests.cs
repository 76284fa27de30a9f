using ActorChain.Core.Codec;
using ActorChain.Core.Pow;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Tests.Pow;

public sealed class PowBlockCodecTests
{
    private static readonly Transaction[] Txs =
    [
        Transfer.Sign(TestKeys.Alice, TestKeys.Bob.Address, 5, 2, 1, 0),
        Deposit.Sign(TestKeys.Alice, TestKeys.Carol.PublicKey, 7, 2, 1, 1),
        Exit.Sign(TestKeys.Validator0, 0, 3),
    ];

    private static readonly PowHeader Header = new(9, Sha256.Hash([1]), 123_456, PowParams.DefaultGenesisTarget,
        PowBlock.TxRoot(77, Txs), TestKeys.Miner1.Address, 0x0102030405060708UL);

    private static readonly PowBlock Block = new(Header, 77, Txs);

    [Fact]
    public void Encodes_the_header_in_field_order_with_the_nonce_last()
    {
        var bytes = Header.Canonical();
        var expected = new CanonicalWriter()
            .U64Le(9).Fixed(Header.ParentHash).U64Le(123_456).Fixed(Header.Target)
            .Fixed(Header.TxRoot).Fixed(Header.Miner).U64Le(0x0102030405060708UL);

        bytes.Should().HaveCount(PowHeader.EncodedLength).And.Equal(expected.ToArray());
        PowHeader.EncodedLength.Should().Be(140);
        bytes[PowHeader.NonceOffset..].Should().Equal(8, 7, 6, 5, 4, 3, 2, 1);
        global::ActorChain.Core.Codec.Canonical.Encode(Header).Should().Equal(bytes);
    }

    [Fact]
    public void Hashes_the_header_twice()
    {
        Header.PowHash().Should().Be(Sha256.Hash(Sha256.Hash(Header.Canonical()).AsSpan()));
        Block.Hash.Should().Be(Header.PowHash());
        Header.WithNonce(1).PowHash().Should().NotBe(Header.PowHash());
    }

    [Fact]
    public void Round_trips_headers_and_blocks()
    {
        PowHeader.TryDecode(Header.Canonical(), out var header, out _).Should().BeTrue();
        header.Should().Be(Header);
        PowBlock.TryDecode(Block.Canonical(), out var decoded, out var error).Should().BeTrue(error);
        decoded.Should().Be(Block);
        decoded!.Header.Should().Be(Header);
        decoded.Coinbase.Should().Be(77);
        decoded.Transactions.Should().Equal(Txs);
        decoded.Canonical().Should().Equal(Block.Canonical());
        PowBlock.TryDecode(PowGenesis.Block(PowParams.Defaults(), 5).Canonical(), out var genesis, out _).Should().BeTrue();
        genesis!.Transactions.Should().BeEmpty();
    }

    [Fact]
    public void Exposes_the_header_fields_on_the_block()
    {
        Block.Height.Should().Be(9);
        Block.ParentHash.Should().Be(Header.ParentHash);
        Block.Timestamp.Should().Be(123_456);
        Block.Miner.Should().Be(TestKeys.Miner1.Address);
        Block.Target.Should().Be(Header.Target);
        Block.ToString().Should().Contain("#9").And.Contain(Block.Hash.ShortHex()).And.Contain("3 txs");
    }

    [Fact]
    public void Commits_the_tx_root_to_the_coinbase_and_the_transaction_ids_in_order()
    {
        var w = new CanonicalWriter().U64Le(77).U32Le(3);
        foreach (var tx in Txs)
        {
            w.Fixed(tx.Id);
        }

        PowBlock.TxRoot(77, Txs).Should().Be(Sha256.Hash(w.WrittenSpan));
        PowBlock.TxRoot(78, Txs).Should().NotBe(PowBlock.TxRoot(77, Txs));
        PowBlock.TxRoot(77, [Txs[1], Txs[0], Txs[2]]).Should().NotBe(PowBlock.TxRoot(77, Txs));
    }

    [Fact]
    public void Compares_blocks_by_hash()
    {
        var sameHeaderOtherBody = new PowBlock(Header, 1, []);
        sameHeaderOtherBody.Should().Be(Block);
        sameHeaderOtherBody.GetHashCode().Should().Be(Block.GetHashCode());
        Block.WithNonce(1).Should().NotBe(Block);
        Block.WithNonce(1).Header.Nonce.Should().Be(1);
        Block.WithNonce(1).Transactions.Should().Equal(Txs);
    }

    [Fact]
    public void Rejects_every_truncated_block()
    {
        var bytes = Block.Canonical();
        for (var len = 0; len < bytes.Length; len++)
        {
            PowBlock.TryDecode(bytes.AsMemory(0, len), out _, out var error).Should().BeFalse($"length {len}");
            error.Should().NotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void Rejects_trailing_bytes_after_a_block()
    {
        var bytes = new byte[Block.Canonical().Length + 3];
        Block.Canonical().CopyTo(bytes, 0);

        PowBlock.TryDecode(bytes, out _, out var error).Should().BeFalse();
        error.Should().Contain("3 trailing bytes");
        var header = new byte[141];
        Header.Canonical().CopyTo(header, 0);
        PowHeader.TryDecode(header, out _, out _).Should().BeFalse();
    }

    [Fact]
    public void Rejects_an_unknown_transaction_type_inside_a_block()
    {
        var bytes = Block.Canonical();
        bytes[PowHeader.EncodedLength + 8 + 4] = 0x7f;

        PowBlock.TryDecode(bytes, out _, out var error).Should().BeFalse();
        error.Should().Contain("tag");
    }

    [Fact]
    public void Rejects_an_absurd_transaction_count()
    {
        var w = new CanonicalWriter();
        Header.WriteTo(w);
        w.U64Le(0).U32Le(uint.MaxValue);

        PowBlock.TryDecode(w.ToArray(), out _, out var error).Should().BeFalse();
        error.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Either_rejects_garbage_or_decodes_it_canonically()
    {
        var random = new Random(11);
        var valid = Block.Canonical();
        for (var i = 0; i < 300; i++)
        {
            var mutated = (byte[])valid.Clone();
            var flips = 1 + random.Next(4);
            for (var f = 0; f < flips; f++)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            if (PowBlock.TryDecode(mutated, out var block, out var error))
            {
                block.Canonical().Should().Equal(mutated);
            }
            else
            {
                error.Should().NotBeNullOrWhiteSpace();
            }
        }
    }

    [Fact]
    public void Reads_a_header_from_a_stream()
    {
        var w = new CanonicalWriter();
        Header.WriteTo(w);
        Header.WithNonce(5).WriteTo(w);
        var r = new CanonicalReader(w.ToArray());

        PowHeader.Read(r).Should().Be(Header);
        PowHeader.Read(r).Nonce.Should().Be(5);
        r.AtEnd.Should().BeTrue();
        Header.WithNonce(5).ParentHash.Should().Be(Header.ParentHash);
        Hash32.Zero.Should().NotBe(Header.PowHash());
    }
}
