using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Protection;

namespace ActorChain.Node.Storage;

/// <summary>A bad interchange file: one line naming the file and what is wrong.</summary>
public sealed class InterchangeException(string message) : Exception(message);

/// <summary>
/// EIP-3076 slashing-protection interchange, minimal format (docs/storage.md): version "5", the chain's
/// <c>genesis_validators_root</c>, and per validator its Ed25519 public key, the highest block slot and the highest
/// attestation source and target epochs signed. The root and the name → key map come from the chain store's
/// <see cref="PosGenesisKey"/> metadata, which a node writes when its beacon chain starts (the merge, or <c>--pos</c>).
/// </summary>
public static class SlashingInterchange
{
    /// <summary>The interchange format version written and accepted.</summary>
    public const string FormatVersion = "5";

    /// <summary>
    /// Chain-store metadata: the PoS genesis as the interchange needs it, UTF-8 JSON
    /// <c>{"genesis_validators_root": "0x…", "validators": {"name": "0x pubkey", …}}</c>; absent before the merge.
    /// </summary>
    public const string PosGenesisKey = "pos-genesis";

    /// <summary>The PoS genesis of a data dir: its validators root and each genesis validator's public key by name.</summary>
    public sealed record PosGenesis(Hash32 GenesisValidatorsRoot, IReadOnlyDictionary<string, PubKey> Keys);

    /// <summary>Records the PoS genesis in <paramref name="store"/> (rewritten only when it differs).</summary>
    public static void RecordPosGenesis(IChainStore store, Hash32 genesisValidatorsRoot, IEnumerable<(string Name, PubKey Key)> validators)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(validators);
        var keys = new JsonObject();
        foreach (var (name, key) in validators.OrderBy(v => v.Name, StringComparer.Ordinal))
            keys[name] = Hex(key.AsSpan());
        var json = new JsonObject { ["genesis_validators_root"] = Hex(genesisValidatorsRoot.AsSpan()), ["validators"] = keys };
        var bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
        if (store.Meta(PosGenesisKey) is not { } stored || !stored.AsSpan().SequenceEqual(bytes))
            store.PutMeta(PosGenesisKey, bytes);
    }

    /// <summary>The PoS genesis recorded in <paramref name="store"/>, or null before the merge.</summary>
    public static PosGenesis? ReadPosGenesis(IChainStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Meta(PosGenesisKey) is not { } bytes)
            return null;
        try
        {
            var json = JsonNode.Parse(bytes)!.AsObject();
            var root = new Hash32(Unhex(json["genesis_validators_root"]!.GetValue<string>(), Hash32.Width));
            var keys = new SortedDictionary<string, PubKey>(StringComparer.Ordinal);
            foreach (var (name, key) in json["validators"]!.AsObject())
                keys[name] = new PubKey(Unhex(key!.GetValue<string>(), PubKey.Width));
            return new PosGenesis(root, keys);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new StoreException($"data dir {store.Location}: metadata {PosGenesisKey} is corrupt: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>The interchange JSON of every record in <paramref name="stores"/>; a <see cref="StoreException"/> before the merge.</summary>
    public static string Export(NodeStores stores)
    {
        ArgumentNullException.ThrowIfNull(stores);
        var genesis = RequirePosGenesis(stores.Chain);
        var data = new JsonArray();
        foreach (var name in stores.Protection.Names())
        {
            var record = stores.Protection.Load(name)!;
            if (!genesis.Keys.TryGetValue(name, out var key))
                throw new StoreException($"data dir {stores.Chain.Location}: validator {name} has a slashing-protection record but is not a genesis validator of this chain");
            var blocks = new JsonArray();
            if (record.LastSignedBlockSlot != SlashingProtectionRecord.None)
                blocks.Add(new JsonObject { ["slot"] = Dec(record.LastSignedBlockSlot) });
            var attestations = new JsonArray();
            if (record.LastTargetEpoch != SlashingProtectionRecord.None)
            {
                attestations.Add(new JsonObject
                {
                    ["source_epoch"] = Dec(record.LastSourceEpoch == SlashingProtectionRecord.None ? 0 : record.LastSourceEpoch),
                    ["target_epoch"] = Dec(record.LastTargetEpoch),
                });
            }

            data.Add(new JsonObject { ["pubkey"] = Hex(key.AsSpan()), ["signed_blocks"] = blocks, ["signed_attestations"] = attestations });
        }

        var doc = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["interchange_format_version"] = FormatVersion,
                ["genesis_validators_root"] = Hex(genesis.GenesisValidatorsRoot.AsSpan()),
            },
            ["data"] = data,
        };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// Imports <paramref name="json"/> (read from <paramref name="file"/>, named in errors) into <paramref name="stores"/>:
    /// each validator's record becomes the maximum of what it held and what the file says was signed. Nothing is
    /// written unless the whole file is good: an <see cref="InterchangeException"/> (bad file, other genesis root,
    /// unknown key) or <see cref="StoreException"/> (no PoS genesis yet) otherwise. Returns the number of validators.
    /// </summary>
    public static int Import(NodeStores stores, string file, string json)
    {
        ArgumentNullException.ThrowIfNull(stores);
        var genesis = RequirePosGenesis(stores.Chain);
        var byKey = genesis.Keys.ToDictionary(kv => kv.Value, kv => kv.Key);
        var updates = Parse(file, json, genesis, byKey);
        foreach (var (name, max) in updates)
        {
            stores.Protection.CheckAndRecord(name, stores.Protection.Load(name) ?? SlashingProtectionRecord.Empty, r => Merge(r, max), out _);
        }

        return updates.Count;
    }

    private static SlashingProtectionRecord Merge(SlashingProtectionRecord r, SlashingProtectionRecord max)
    {
        var merged = r;
        if (max.LastSignedBlockSlot != SlashingProtectionRecord.None)
            merged = merged.RecordBlockAnyway(max.LastSignedBlockSlot);
        if (max.LastTargetEpoch != SlashingProtectionRecord.None)
            merged = merged.RecordVoteAnyway(max.LastSourceEpoch, max.LastTargetEpoch);
        return merged;
    }

    private static SortedDictionary<string, SlashingProtectionRecord> Parse(string file, string json, PosGenesis genesis,
        Dictionary<PubKey, string> byKey)
    {
        JsonObject doc;
        try
        {
            doc = JsonNode.Parse(json) as JsonObject ?? throw new InterchangeException($"{file}: not an EIP-3076 interchange object");
        }
        catch (JsonException e)
        {
            throw new InterchangeException($"{file}: not JSON: {e.Message.ReplaceLineEndings(" ")}");
        }

        var metadata = doc["metadata"] as JsonObject ?? throw new InterchangeException($"{file}: metadata is missing");
        var version = Text(file, metadata, "interchange_format_version", "metadata");
        if (version != FormatVersion)
            throw new InterchangeException($"{file}: metadata.interchange_format_version is \"{version}\"; only \"{FormatVersion}\" is read");
        var rootText = Text(file, metadata, "genesis_validators_root", "metadata");
        if (!TryUnhex(rootText, Hash32.Width, out var rootBytes))
            throw new InterchangeException($"{file}: metadata.genesis_validators_root is not 0x and 32 bytes of hex: {rootText}");
        var root = new Hash32(rootBytes);
        if (root != genesis.GenesisValidatorsRoot)
        {
            throw new InterchangeException($"{file} is for genesis_validators_root {Hex(root.AsSpan())}, this data dir's chain has "
                + $"{Hex(genesis.GenesisValidatorsRoot.AsSpan())}: refusing records of another chain");
        }

        var data = doc["data"] as JsonArray ?? throw new InterchangeException($"{file}: data is missing or not a list");
        var updates = new SortedDictionary<string, SlashingProtectionRecord>(StringComparer.Ordinal);
        for (var i = 0; i < data.Count; i++)
        {
            var where = $"data[{i}]";
            var entry = data[i] as JsonObject ?? throw new InterchangeException($"{file}: {where} is not an object");
            var pubkeyText = Text(file, entry, "pubkey", where);
            if (!TryUnhex(pubkeyText, PubKey.Width, out var pk))
                throw new InterchangeException($"{file}: {where}.pubkey is not 0x and a 32-byte Ed25519 key: {pubkeyText}");
            if (!byKey.TryGetValue(new PubKey(pk), out var name))
                throw new InterchangeException($"{file}: {where}.pubkey {pubkeyText} is not a validator of this chain");
            var record = updates.GetValueOrDefault(name, SlashingProtectionRecord.Empty);
            foreach (var (b, j) in Items(file, entry, "signed_blocks", where))
                record = record.RecordBlockAnyway(Number(file, b, "slot", $"{where}.signed_blocks[{j}]"));
            foreach (var (a, j) in Items(file, entry, "signed_attestations", where))
            {
                var at = $"{where}.signed_attestations[{j}]";
                var source = Number(file, a, "source_epoch", at);
                var target = Number(file, a, "target_epoch", at);
                if (source > target)
                    throw new InterchangeException($"{file}: {at}: source_epoch {source} is after target_epoch {target}");
                record = record.RecordVoteAnyway(source, target);
            }

            updates[name] = record;
        }

        return updates;
    }

    private static IEnumerable<(JsonObject Item, int Index)> Items(string file, JsonObject entry, string field, string where)
    {
        var node = entry[field];
        if (node is null)
            yield break; // optional in EIP-3076
        if (node is not JsonArray list)
            throw new InterchangeException($"{file}: {where}.{field} is not a list");
        for (var j = 0; j < list.Count; j++)
            yield return (list[j] as JsonObject ?? throw new InterchangeException($"{file}: {where}.{field}[{j}] is not an object"), j);
    }

    private static string Text(string file, JsonObject o, string field, string where)
    {
        try
        {
            return o[field]?.GetValue<string>() ?? throw new InterchangeException($"{file}: {where}.{field} is missing");
        }
        catch (InvalidOperationException)
        {
            throw new InterchangeException($"{file}: {where}.{field} is not a string");
        }
    }

    /// <summary>A decimal string (EIP-3076) or a plain JSON number, below 2^63.</summary>
    private static ulong Number(string file, JsonObject o, string field, string where)
    {
        var node = o[field] ?? throw new InterchangeException($"{file}: {where}.{field} is missing");
        var text = node.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.Number => node.ToJsonString(),
            _ => throw new InterchangeException($"{file}: {where}.{field} is not a decimal string"),
        };
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v >= 1UL << 63)
            throw new InterchangeException($"{file}: {where}.{field} is not a number below 2^63: {text}");
        return v;
    }

    private static PosGenesis RequirePosGenesis(IChainStore chain) =>
        ReadPosGenesis(chain) ?? throw new StoreException($"data dir {chain.Location} has no proof-of-stake genesis yet "
            + "(its node has not reached the merge): nothing to export, and no genesis_validators_root to check an import against");

    private static string Hex(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    private static string Dec(ulong v) => v.ToString(CultureInfo.InvariantCulture);

    private static byte[] Unhex(string text, int width) =>
        TryUnhex(text, width, out var b) ? b : throw new FormatException($"not 0x and {width} bytes of hex: {text}");

    private static bool TryUnhex(string text, int width, out byte[] bytes)
    {
        bytes = [];
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length != 2 + (2 * width))
            return false;
        try
        {
            bytes = Convert.FromHexString(text.AsSpan(2));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
