using System.Collections.Concurrent;
using System.Text;
using ActorChain.Core.Codec;

namespace ActorChain.Core.Crypto;

/// <summary>
/// Deterministic keys from names (CONSENSUS.md §0): <c>seed32 = H("actorchain-key" ‖ chainSeed ‖ name)</c>.
/// Insecure on purpose: every process can rebuild every key, which keeps the simulator easy to run.
/// </summary>
public static class Keys
{
    /// <summary>Width of an Ed25519 seed (RFC 8032 private key) in bytes.</summary>
    public const int SeedWidth = 32;

    private const int MemoCapacity = 1 << 16;
    private static readonly byte[] Prefix = Encoding.UTF8.GetBytes("actorchain-key");
    private static readonly ConcurrentDictionary<(string ChainSeed, string Name), SigningKey> Memo = new();

    /// <summary><c>H("actorchain-key" ‖ chainSeed ‖ name)</c> over the UTF-8 bytes, no separators (a lone surrogate becomes U+FFFD; Java wrote '?').</summary>
    public static byte[] Seed32(string chainSeed, string name) =>
        Seed32(Encoding.UTF8.GetBytes(chainSeed), Encoding.UTF8.GetBytes(name));

    /// <summary><c>H("actorchain-key" ‖ chainSeed ‖ name)</c> over given UTF-8 bytes.</summary>
    public static byte[] Seed32(ReadOnlySpan<byte> chainSeedUtf8, ReadOnlySpan<byte> nameUtf8) =>
        Sha256.Hash(Prefix, chainSeedUtf8, nameUtf8).ToArray();

    /// <summary>
    /// The key of <paramref name="name"/> under <paramref name="chainSeed"/>. Memoized (every node of an embedded
    /// network derives every genesis validator's key); the memo is bounded and thread-safe.
    /// </summary>
    public static SigningKey FromName(string chainSeed, string name)
    {
        if (Memo.TryGetValue((chainSeed, name), out var k))
        {
            return k;
        }

        if (Memo.Count >= MemoCapacity)
        {
            Memo.Clear();
        }

        return Memo.GetOrAdd((chainSeed, name), static id => FromSeed(Seed32(id.ChainSeed, id.Name)));
    }

    /// <summary>The Ed25519 key whose RFC 8032 private key is exactly <paramref name="seed32"/> (32 bytes, else <see cref="ArgumentException"/>).</summary>
    public static SigningKey FromSeed(ReadOnlySpan<byte> seed32)
    {
        if (seed32.Length != SeedWidth)
        {
            throw new ArgumentException($"an Ed25519 seed has 32 bytes, got {seed32.Length}", nameof(seed32));
        }

        return new SigningKey(Ed25519.ImportSeed(seed32));
    }
}
