using NSec.Cryptography;

namespace ActorChain.Core.Crypto;

/// <summary>
/// Raw Ed25519 (RFC 8032, pure) over NSec/libsodium, for <see cref="Signatures"/> and <see cref="SigningKey"/> and
/// their tests. Verification is libsodium's <c>crypto_sign_verify_detached</c> (CONSENSUS.md §0).
/// </summary>
internal static class Ed25519
{
    /// <summary>Public key width.</summary>
    public const int PublicKeyWidth = 32;

    /// <summary>Signature width.</summary>
    public const int SignatureWidth = 64;

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    /// <summary>True iff <paramref name="signature"/> verifies <paramref name="message"/> under <paramref name="publicKey"/>; false for any malformed input.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeyWidth || signature.Length != SignatureWidth)
        {
            return false;
        }

        return PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key)
            && key is not null
            && Algorithm.Verify(key, message, signature);
    }

    /// <summary>Imports a 32-byte RFC 8032 private key (seed); deriving its public key is the expensive part.</summary>
    public static Key ImportSeed(ReadOnlySpan<byte> seed32) =>
        Key.Import(Algorithm, seed32, KeyBlobFormat.RawPrivateKey);

    /// <summary>The raw public key of an imported key.</summary>
    public static byte[] PublicKeyOf(Key key) => key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

    /// <summary>Signs <paramref name="message"/> into <paramref name="signature"/> (64 bytes); deterministic.</summary>
    public static void Sign(Key key, ReadOnlySpan<byte> message, Span<byte> signature) =>
        Algorithm.Sign(key, message, signature);
}
