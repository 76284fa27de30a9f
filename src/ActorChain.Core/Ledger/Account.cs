using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Ledger;

/// <summary>An account <c>{address, balance, nonce}</c> (CONSENSUS.md §2); balance in gwei.</summary>
public sealed record Account(Address Address, ulong Balance, ulong Nonce) : ICanonical
{
    /// <summary>The encoded size: address, balance, nonce.</summary>
    public const int Length = 20 + 8 + 8;

    /// <summary>The account every address has before it is touched: no balance, nonce 0.</summary>
    public static Account Empty(Address address) => new(address, 0, 0);

    /// <summary>True for balance 0 and nonce 0: such an account is not stored.</summary>
    public bool IsEmpty => Balance == 0 && Nonce == 0;

    /// <summary>Appends the canonical form.</summary>
    public void WriteTo(CanonicalWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Fixed(Address.AsSpan()).U64Le(Balance).U64Le(Nonce);
    }

    /// <summary>Reads the canonical form; malformed bytes throw <see cref="MalformedEncodingException"/>.</summary>
    public static Account Read(CanonicalReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new Account(Address.Read(r), r.U64Le(), r.U64Le());
    }
}
