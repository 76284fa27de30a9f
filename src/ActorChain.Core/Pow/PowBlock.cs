using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Transactions;

namespace ActorChain.Core.Pow;

/// <summary>
/// A proof-of-work block (CONSENSUS.md §3): its header, the coinbase amount credited to <c>Header.Miner</c>, and its
/// transactions. Immutable; its hash (<c>Header.PowHash()</c>) is computed once, and blocks are equal iff their
/// hashes are.
/// </summary>
public sealed class PowBlock : ICanonical, IEquatable<PowBlock>
{
    /// <summary>Creates the block and computes its hash.</summary>
    public PowBlock(PowHeader header, ulong coinbase, IEnumerable<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(header);
        Header = header;
        Coinbase = coinbase;
        Transactions = [.. transactions];
        Hash = header.PowHash();
    }

    /// <summary>The header.</summary>
    public PowHeader Header { get; }

    /// <summary>The amount credited to the miner: POW_BLOCK_REWARD plus the tips.</summary>
    public ulong Coinbase { get; }

    /// <summary>The transactions, in order.</summary>
    public ImmutableArray<Transaction> Transactions { get; }

    /// <summary>The block hash: <c>Header.PowHash()</c>.</summary>
    public Hash32 Hash { get; }

    /// <summary>The header's height.</summary>
    public ulong Height => Header.Height;

    /// <summary>The header's parent hash.</summary>
    public Hash32 ParentHash => Header.ParentHash;

    /// <summary>The header's timestamp, in milliseconds.</summary>
    public ulong Timestamp => Header.Timestamp;

    /// <summary>The header's miner, credited with the coinbase.</summary>
    public Address Miner => Header.Miner;

    /// <summary>The header's target.</summary>
    public Hash32 Target => Header.Target;

    /// <summary>
    /// The root that binds the body to the header: <c>H(u64le(coinbase) ‖ u32le(n) ‖ id(tx1) ‖ … ‖ id(txn))</c>.
    /// </summary>
    public static Hash32 TxRoot(ulong coinbase, IReadOnlyList<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var w = new CanonicalWriter(12 + (Hash32.Width * transactions.Count));
        w.U64Le(coinbase).U32Le((uint)transactions.Count);
        foreach (var tx in transactions)
        {
            w.Fixed(tx.Id);
        }

        return w.Hash();
    }

    /// <summary>This block with another nonce, as a miner tries them.</summary>
    public PowBlock WithNonce(ulong nonce) => new(Header.WithNonce(nonce), Coinbase, Transactions);

    /// <summary>Writes header, coinbase and the transaction list.</summary>
    public void WriteTo(CanonicalWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        Header.WriteTo(w);
        w.U64Le(Coinbase);
        w.List(Transactions, static (o, tx) => tx.WriteTo(o));
    }

    /// <summary>The canonical form (CONSENSUS.md §0).</summary>
    public byte[] Canonical() => Codec.Canonical.Encode(this);

    /// <summary>Reads a block; malformed bytes are a <see cref="MalformedEncodingException"/> from the reader.</summary>
    public static PowBlock Read(CanonicalReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var header = PowHeader.Read(r);
        var coinbase = r.U64Le();
        return new PowBlock(header, coinbase, r.List(Transaction.Read));
    }

    /// <summary>Decodes exactly one block; false with the reason for garbage, truncation or trailing bytes.</summary>
    public static bool TryDecode(
        ReadOnlyMemory<byte> bytes, [NotNullWhen(true)] out PowBlock? block, [NotNullWhen(false)] out string? error) =>
        Codec.Canonical.TryDecode(bytes, Read, out block, out error);

    /// <summary>Equal iff the hashes are.</summary>
    public bool Equals(PowBlock? other) => other is not null && Hash == other.Hash;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PowBlock);

    /// <inheritdoc/>
    public override int GetHashCode() => Hash.GetHashCode();

    /// <summary>"PowBlock(#height hash, parent hash, n txs)", for logs.</summary>
    public override string ToString() =>
        $"PowBlock(#{Height} {Hash.ShortHex()}, parent {ParentHash.ShortHex()}, {Transactions.Length} txs)";
}
