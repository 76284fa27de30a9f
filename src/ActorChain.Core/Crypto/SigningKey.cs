using System.Collections.Immutable;
using ActorChain.Core.Codec;
using NSec.Cryptography;

namespace ActorChain.Core.Crypto;

/// <summary>
/// An Ed25519 key pair (CONSENSUS.md §0). The libsodium key is imported once (which derives the public key), then
/// signing is safe from several threads. The private half never leaves the process that derived it.
/// </summary>
public sealed class SigningKey
{
    private readonly Key _key;

    internal SigningKey(Key key)
    {
        _key = key;
        PublicKey = new PubKey(Ed25519.PublicKeyOf(key));
    }

    /// <summary>The public key.</summary>
    public PubKey PublicKey { get; }

    /// <summary>The account address of <see cref="PublicKey"/>.</summary>
    public Address Address => PublicKey.Address;

    /// <summary><c>sign(key, domain, root)</c>: the deterministic signature of <c>H(domain ‖ root)</c>.</summary>
    public Signature Sign(Domain domain, Hash32 root)
    {
        Span<byte> message = stackalloc byte[Hash32.Width];
        Signatures.WriteSigningMessage(domain, root, message);
        return new Signature(SignMessage(message));
    }

    /// <summary>The raw RFC 8032 signature of <paramref name="message"/> (no domain, no hashing): for tests and vectors.</summary>
    internal byte[] SignMessage(ReadOnlySpan<byte> message)
    {
        var sig = new byte[Signature.Width];
        Ed25519.Sign(_key, message, sig);
        return sig;
    }

    /// <summary>The signatures of <paramref name="requests"/>, in order, each exactly what <see cref="Sign"/> makes.</summary>
    public static ImmutableArray<Signature> SignAll(IReadOnlyList<Request> requests)
    {
        var b = ImmutableArray.CreateBuilder<Signature>(requests.Count);
        foreach (var r in requests)
        {
            b.Add(r.Key.Sign(r.Domain, r.Root));
        }

        return b.MoveToImmutable();
    }

    /// <summary>Shows the first bytes of the public key only.</summary>
    public override string ToString() => $"SigningKey({PublicKey.ShortHex()})";

    /// <summary>A signature to make: <paramref name="Key"/>'s over <c>H(Domain ‖ Root)</c>.</summary>
    public sealed record Request(SigningKey Key, Domain Domain, Hash32 Root);
}
