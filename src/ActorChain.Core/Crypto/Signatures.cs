using ActorChain.Core.Codec;

namespace ActorChain.Core.Crypto;

/// <summary>
/// Ed25519 over <c>H(domain ‖ root)</c> (CONSENSUS.md §0), from NSec (libsodium): verification is libsodium's
/// <c>crypto_sign_verify_detached</c> (S &lt; L, canonical key and R, small-order key and R rejected, cofactorless).
/// </summary>
public static class Signatures
{
    /// <summary>True iff <paramref name="sig"/> is <paramref name="key"/>'s signature of <c>H(domain ‖ root)</c>. Never throws on bad input.</summary>
    public static bool Verify(PubKey key, Domain domain, Hash32 root, Signature sig)
    {
        Span<byte> message = stackalloc byte[Hash32.Width];
        WriteSigningMessage(domain, root, message);
        return Ed25519.Verify(key.AsSpan(), message, sig.AsSpan());
    }

    /// <summary>The signed message <c>H(tag(domain) ‖ root)</c>.</summary>
    public static Hash32 SigningMessage(Domain domain, Hash32 root)
    {
        var message = new byte[Hash32.Width];
        WriteSigningMessage(domain, root, message);
        return Hash32.Own(message);
    }

    /// <summary>Writes <c>H(tag(domain) ‖ root)</c> into <paramref name="destination"/> (32 bytes).</summary>
    internal static void WriteSigningMessage(Domain domain, Hash32 root, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[DomainTags.Width + Hash32.Width];
        domain.WriteTag(input);
        root.AsSpan().CopyTo(input[DomainTags.Width..]);
        Sha256.HashInto(input, destination);
    }
}
