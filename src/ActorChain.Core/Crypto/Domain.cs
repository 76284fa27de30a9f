namespace ActorChain.Core.Crypto;

/// <summary>The signing domains of CONSENSUS.md §0; the 4-byte tag is the value's byte then three zero bytes.</summary>
public enum Domain : byte
{
    /// <summary>Block proposals, tag <c>00000000</c>.</summary>
    Proposer = 0x00,

    /// <summary>Attestations, tag <c>01000000</c>.</summary>
    Attester = 0x01,

    /// <summary>RANDAO reveals, tag <c>02000000</c>.</summary>
    Randao = 0x02,

    /// <summary>Transactions, tag <c>10000000</c>.</summary>
    Tx = 0x10,

    /// <summary>Proof-of-work blocks, tag <c>20000000</c>.</summary>
    Pow = 0x20,
}

/// <summary>The 4-byte tags of <see cref="Domain"/>.</summary>
public static class DomainTags
{
    /// <summary>Width of a tag in bytes.</summary>
    public const int Width = 4;

    /// <summary>Writes the 4-byte tag of <paramref name="domain"/> into <paramref name="destination"/>.</summary>
    public static void WriteTag(this Domain domain, Span<byte> destination)
    {
        destination[..Width].Clear();
        destination[0] = (byte)domain;
    }

    /// <summary>A fresh copy of the 4-byte tag.</summary>
    public static byte[] Tag(this Domain domain) => [(byte)domain, 0, 0, 0];
}
