using System.Collections.Immutable;
using System.Globalization;
using ActorChain.Core;
using ActorChain.Core.Codec;
using ActorChain.Node.Configuration;
using ActorChain.Node.Network;

namespace ActorChain.Cluster.Membership;

/// <summary>
/// The genesis handshake's rules (ARCHITECTURE.md, "Shared genesis"), as pure functions: the digest of everything a
/// cluster's processes must agree on, this process's <see cref="Wire.Hello"/>, and the first difference between two.
/// </summary>
public static class Genesis
{
    /// <summary>The version tag that starts the digest's canonical encoding.</summary>
    private const string DigestTag = "actorchain-genesis-v1";

    /// <summary>
    /// Hex SHA-256 of the canonical encoding of the genesis: validators and stakes in order, genesis time, merge height,
    /// engine, chain seed, funded accounts, the PoW parameters and genesis block, and the consensus preset with every
    /// constant (overrides included). Equal digests mean the same genesis.
    /// </summary>
    public static string Digest(ChainSettings settings, bool pos)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var w = new CanonicalWriter(512).String(DigestTag);
        w.List(settings.Validators, static (w, v) => w.String(v.Name).U64Le(v.Gwei));
        w.U64Le(settings.GenesisTimestamp);
        w.Bool(settings.Consensus.MergeAtHeight is not null).U64Le(settings.Consensus.MergeAtHeight ?? 0);
        w.U32Le((uint)settings.Consensus.MergeConfirmations);
        w.Bool(pos);
        w.String(settings.ChainSeed);
        w.List(settings.Accounts, static (w, a) => w.String(a.Name).U64Le(a.Gwei));
        w.String(settings.Pow.ToString());
        w.Fixed(settings.GenesisBlock().Hash);
        w.String(settings.Consensus.Config.Preset);
        w.List(settings.Consensus.Config.ByName(), static (w, kv) => w.String(kv.Key).String(kv.Value));
        return w.Hash().ToString();
    }

    /// <summary>This process's Hello: its node id, HTTP port and hosted validators, and its genesis.</summary>
    public static Wire.Hello HelloOf(int nodeId, ChainSettings settings, bool pos, int httpPort, ImmutableArray<string> hosted)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new Wire.Hello(nodeId, Digest(settings, pos), [.. settings.Validators.Select(v => v.Name)],
            [.. settings.Validators.Select(v => v.Gwei)], settings.GenesisTimestamp, settings.Consensus.MergeAtHeight, pos,
            httpPort, hosted);
    }

    /// <summary>
    /// The first difference between <paramref name="mine"/> and <paramref name="theirs"/> in words ("X is A here, B there"
    /// with the flag that fixes it), or null when both have the same genesis. The node ids and ports are not compared
    /// (a duplicate node id is the directory's concern).
    /// </summary>
    public static string? Difference(Wire.Hello mine, Wire.Hello theirs)
    {
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(theirs);
        if (!mine.ValidatorNames.SequenceEqual(theirs.ValidatorNames))
            return ValidatorDifference(mine.ValidatorNames, theirs.ValidatorNames) + " (give every node the same --stake flags)";
        for (var i = 0; i < mine.ValidatorNames.Length; i++)
        {
            var a = i < mine.StakesGwei.Length ? mine.StakesGwei[i] : (ulong?)null;
            var b = i < theirs.StakesGwei.Length ? theirs.StakesGwei[i] : (ulong?)null;
            if (a != b)
                return $"stake of {mine.ValidatorNames[i]} is {Coins(a)} here, {Coins(b)} there (give every node the same --stake flags)";
        }
        if (mine.GenesisTimestamp != theirs.GenesisTimestamp)
            return $"genesis time is {mine.GenesisTimestamp} here, {theirs.GenesisTimestamp} there (give every node the same --genesis-time)";
        if (mine.Pos != theirs.Pos)
            return $"consensus is {Engine(mine)} here, {Engine(theirs)} there (give every node the same --pos or --pow)";
        if (mine.MergeAtHeight != theirs.MergeAtHeight)
            return $"merge height is {Height(mine.MergeAtHeight)} here, {Height(theirs.MergeAtHeight)} there (give every node the same --merge-at)";
        if (!string.Equals(mine.GenesisDigest, theirs.GenesisDigest, StringComparison.Ordinal))
            return $"genesis digest is {Short(mine.GenesisDigest)} here, {Short(theirs.GenesisDigest)} there "
                   + "(the accounts, chain seed, PoW parameters or consensus constants differ: use the same --config everywhere)";
        return null;
    }

    private static string ValidatorDifference(ImmutableArray<string> mine, ImmutableArray<string> theirs)
    {
        if (mine.Length != theirs.Length)
            return $"{mine.Length} genesis validator(s) here, {theirs.Length} there";
        for (var i = 0; i < mine.Length; i++)
            if (!string.Equals(mine[i], theirs[i], StringComparison.Ordinal))
                return $"genesis validator {i} is {mine[i]} here, {theirs[i]} there";
        return "genesis validators differ";
    }

    private static string Coins(ulong? gwei) => gwei is { } g ? Units.FormatCoins(g) : "missing";

    private static string Engine(Wire.Hello h) => h.Pos ? "--pos" : "--pow";

    private static string Height(ulong? h) => h is { } v ? v.ToString(CultureInfo.InvariantCulture) : "none";

    private static string Short(string hex) => hex.Length > 12 ? hex[..12] : hex;
}
