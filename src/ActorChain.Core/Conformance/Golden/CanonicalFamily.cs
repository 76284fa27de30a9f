using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorChain.Core.Codec;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Protection;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Pow;
using ActorChain.Core.Transactions;
using static ActorChain.Core.Conformance.Golden.GoldenJson;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>
/// Golden family <c>canonical</c> (CONSENSUS.md §0; <c>shared/golden/README.md</c>): each record's JSON form is read
/// into core's record and encoded (<c>bytes</c>, <c>hash</c>, <c>root</c> and the per-type extras); a
/// <c>reject-*</c> case feeds bytes to that record's strict decoder, which must refuse them.
/// </summary>
public sealed class CanonicalFamily : IGoldenFamily
{
    private static readonly ImmutableSortedDictionary<string, IRecordKind> Kinds = new Dictionary<string, IRecordKind>
    {
        ["Checkpoint"] = Kind(CanonicalJson.Checkpoint, Checkpoint.Read),
        ["AttestationData"] = Kind(CanonicalJson.AttestationData, AttestationData.Read),
        ["Attestation"] = Kind(CanonicalJson.Attestation, Attestation.Read),
        ["BeaconBlockHeader"] = Kind(CanonicalJson.BeaconBlockHeader, BeaconBlockHeader.Read),
        ["SignedBeaconBlockHeader"] = Kind(CanonicalJson.SignedBeaconBlockHeader, SignedBeaconBlockHeader.Read),
        ["ProposerSlashing"] = Kind(CanonicalJson.ProposerSlashing, ProposerSlashing.Read),
        ["AttesterSlashing"] = Kind(CanonicalJson.AttesterSlashing, AttesterSlashing.Read),
        ["Transaction"] = Kind(LedgerJson.Transaction, Transaction.Read, TransactionExtras),
        ["BeaconBlockBody"] = Kind(CanonicalJson.BeaconBlockBody, BeaconBlockBody.Read),
        ["BeaconBlock"] = Kind(CanonicalJson.BeaconBlock, BeaconBlock.Read, rootOf: b => b.Root),
        ["PowHeader"] = Kind(CanonicalJson.PowHeader, PowHeader.Read, (h, _, o) => o["powHash"] = h.PowHash().ToString()),
        ["PowBlock"] = Kind(CanonicalJson.PowBlock, PowBlock.Read, PowBlockExtras),
        ["Account"] = Kind(LedgerJson.Account, Account.Read),
        ["Accounts"] = Kind(LedgerJson.Accounts, Accounts.Read),
        ["RegistryEntry"] = Kind(LedgerJson.RegistryEntry, RegistryEntry.Read),
        ["LedgerState"] = Kind(LedgerJson.LedgerState, LedgerState.Read),
        ["Validator"] = Kind(CanonicalJson.Validator, Validator.Read),
        ["SlashingProtectionRecord"] = Kind(CanonicalJson.SlashingProtectionRecord, SlashingProtectionRecord.Read),
        ["BeaconState"] = Kind(CanonicalJson.BeaconState, BeaconState.Read),
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>What one record type contributes: reading its JSON form, encoding it, and its strict decoder.</summary>
    private interface IRecordKind
    {
        JsonObject Encode(JsonElement value);

        bool Accepts(byte[] bytes);
    }

    /// <inheritdoc/>
    public string Name => "canonical";

    /// <summary>The record types this family knows, by the names the vectors use.</summary>
    public static IEnumerable<string> RecordTypes => Kinds.Keys;

    /// <inheritdoc/>
    public JsonNode? Run(string caseName, JsonElement input, JsonElement expected)
    {
        var type = Str(Get(input, "type"));
        if (!Kinds.TryGetValue(type, out var kind))
        {
            throw new GoldenFormatException($"unknown record type '{type}' (known: {string.Join(", ", Kinds.Keys)})");
        }

        return Opt(input, "decode") is { } bytes
            ? new JsonObject { ["accepted"] = kind.Accepts(Bytes(bytes)) }
            : kind.Encode(Get(input, "value"));
    }

    private static RecordKind<T> Kind<T>(
        Func<JsonElement, T> parse, DecodeFn<T> read, Action<T, byte[], JsonObject>? extras = null, Func<T, Hash32>? rootOf = null)
        where T : ICanonical => new(parse, read, extras, rootOf);

    private static void TransactionExtras(Transaction tx, byte[] bytes, JsonObject o)
    {
        o["signingRoot"] = tx.SigningRoot.ToString();
        o["id"] = tx.Id.ToString();
    }

    private static void PowBlockExtras(PowBlock b, byte[] bytes, JsonObject o)
    {
        o["blockHash"] = b.Hash.ToString();
        o["bodyTxRoot"] = PowBlock.TxRoot(b.Coinbase, b.Transactions).ToString();
    }

    private sealed class RecordKind<T>(
        Func<JsonElement, T> parse, DecodeFn<T> read, Action<T, byte[], JsonObject>? extras, Func<T, Hash32>? rootOf)
        : IRecordKind
        where T : ICanonical
    {
        public JsonObject Encode(JsonElement value)
        {
            T record;
            try
            {
                record = parse(value);
            }
            catch (Exception e) when (e is ArgumentException or OverflowException or MalformedEncodingException)
            {
                throw new GoldenFormatException($"{typeof(T).Name} value not accepted by its record: {e.Message}", e);
            }

            var bytes = Canonical.Encode(record);
            var hash = Sha256.Hash(bytes);
            var o = new JsonObject
            {
                ["bytes"] = Hex(bytes),
                ["hash"] = hash.ToString(),
                ["root"] = (rootOf?.Invoke(record) ?? hash).ToString(),
            };
            extras?.Invoke(record, bytes, o);
            if (!Canonical.TryDecode(bytes, read, out var back, out var reason))
            {
                o["roundTrip"] = $"its own encoding is rejected: {reason}";
            }
            else if (!Canonical.Encode(back).AsSpan().SequenceEqual(bytes))
            {
                o["roundTrip"] = "decode then encode gives other bytes";
            }

            return o;
        }

        public bool Accepts(byte[] bytes) => Canonical.TryDecode(bytes, read, out _, out _);
    }
}
