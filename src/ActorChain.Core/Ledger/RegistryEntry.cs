using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Ledger;

/// <summary>
/// One validator in the registry the PoW chain carries for the merge (CONSENSUS.md §2, §4): the genesis validators
/// from config, then deposits in inclusion order. Its index in the registry is its validator index.
/// </summary>
public sealed record RegistryEntry(PubKey Pubkey, ulong Stake, bool ExitRequested) : ICanonical
{
    /// <summary>The encoded size: pubkey, stake, exitRequested.</summary>
    public const int Length = 32 + 8 + 1;

    /// <summary>A validator that has not asked to exit.</summary>
    public static RegistryEntry Of(PubKey pubkey, ulong stake) => new(pubkey, stake, false);

    /// <summary>Appends the canonical form.</summary>
    public void WriteTo(CanonicalWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Fixed(Pubkey.AsSpan()).U64Le(Stake).Bool(ExitRequested);
    }

    /// <summary>Reads the canonical form; malformed bytes (a bool other than 0/1) throw <see cref="MalformedEncodingException"/>.</summary>
    public static RegistryEntry Read(CanonicalReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new RegistryEntry(PubKey.Read(r), r.U64Le(), r.Bool());
    }
}
