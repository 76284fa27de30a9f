using System.Text;

namespace ActorChain.Node.Storage;

/// <summary>Operations every <see cref="IChainStore"/> shares, written once over its interface.</summary>
public static class ChainStores
{
    /// <summary>The metadata key of the genesis digest, written by <see cref="RequireGenesis"/>.</summary>
    public const string GenesisDigest = "genesis-digest";

    /// <summary>
    /// Binds <paramref name="store"/> to a genesis: records <paramref name="genesisDigest"/> on first use, and afterwards
    /// refuses (a <see cref="StoreException"/> naming the data dir and both digests) a node whose genesis differs.
    /// </summary>
    public static void RequireGenesis(this IChainStore store, string genesisDigest)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (string.IsNullOrWhiteSpace(genesisDigest))
        {
            throw new ArgumentException($"genesis digest must be non-blank, got {genesisDigest}", nameof(genesisDigest));
        }

        var mine = Encoding.UTF8.GetBytes(genesisDigest);
        var stored = store.Meta(GenesisDigest);
        if (stored is null)
        {
            store.PutMeta(GenesisDigest, mine);
        }
        else if (!stored.AsSpan().SequenceEqual(mine))
        {
            throw new StoreException($"data dir {store.Location} belongs to another genesis (digest "
                + $"{Encoding.UTF8.GetString(stored)}, this node's is {genesisDigest}): use a fresh --data-dir, or start "
                + "with the genesis it was made for");
        }
    }

    /// <summary>The validator name as a key: non-blank, or an <see cref="ArgumentException"/> saying so.</summary>
    public static string CheckValidatorName(string? validatorName) =>
        string.IsNullOrWhiteSpace(validatorName)
            ? throw new ArgumentException("validator name must be non-blank, got "
                + (validatorName is null ? "null" : "'" + validatorName + "'"))
            : validatorName;
}
