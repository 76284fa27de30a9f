using System.Collections.Immutable;
using System.Text.Json;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.Protection;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Pow;
using static ActorChain.Core.Conformance.Golden.GoldenJson;

namespace ActorChain.Core.Conformance.Golden;

/// <summary>
/// The vectors' JSON forms of the PoS, PoW and protection records, read into core's records
/// (<c>shared/golden/README.md</c>, "JSON form of records"); the ledger records are <see cref="LedgerJson"/>'s.
/// </summary>
internal static class CanonicalJson
{
    public static Checkpoint Checkpoint(JsonElement e) => new(U64(Get(e, "epoch")), Hash(e, "root"));

    public static AttestationData AttestationData(JsonElement e) => new(
        U64(Get(e, "slot")), U64(Get(e, "committeeIndex")), Hash(e, "headRoot"),
        Checkpoint(Get(e, "source")), Checkpoint(Get(e, "target")));

    public static Attestation Attestation(JsonElement e) =>
        new(U64(Get(e, "validatorIndex")), AttestationData(Get(e, "data")), Sig(e, "sig"));

    public static BeaconBlockHeader BeaconBlockHeader(JsonElement e) => new(
        U64(Get(e, "slot")), U64(Get(e, "proposerIndex")), Hash(e, "parentRoot"), Hash(e, "stateRoot"), Hash(e, "bodyRoot"));

    public static SignedBeaconBlockHeader SignedBeaconBlockHeader(JsonElement e) =>
        new(BeaconBlockHeader(Get(e, "header")), Sig(e, "sig"));

    public static ProposerSlashing ProposerSlashing(JsonElement e) =>
        new(SignedBeaconBlockHeader(Get(e, "h1")), SignedBeaconBlockHeader(Get(e, "h2")));

    public static AttesterSlashing AttesterSlashing(JsonElement e) => new(Attestation(Get(e, "a1")), Attestation(Get(e, "a2")));

    public static BeaconBlockBody BeaconBlockBody(JsonElement e) => new(
        Sig(e, "randaoReveal"),
        List(e, "attestations", Attestation),
        List(e, "proposerSlashings", ProposerSlashing),
        List(e, "attesterSlashings", AttesterSlashing),
        List(e, "transactions", LedgerJson.Transaction));

    public static BeaconBlock BeaconBlock(JsonElement e) =>
        new(BeaconBlockHeader(Get(e, "header")), BeaconBlockBody(Get(e, "body")), Sig(e, "sig"));

    public static PowHeader PowHeader(JsonElement e) => new(
        U64(Get(e, "height")), Hash(e, "parentHash"), U64(Get(e, "timestamp")), Hash(e, "target"), Hash(e, "txRoot"),
        new Address(Bytes(Get(e, "miner"))), U64(Get(e, "nonce")));

    public static PowBlock PowBlock(JsonElement e) =>
        new(PowHeader(Get(e, "header")), U64(Get(e, "coinbase")), List(e, "transactions", LedgerJson.Transaction));

    public static Validator Validator(JsonElement e) => new(
        new PubKey(Bytes(Get(e, "pubkey"))), U64(Get(e, "effectiveBalance")), Bool(Get(e, "slashed")),
        U64(Get(e, "activationEligibilityEpoch")), U64(Get(e, "activationEpoch")), U64(Get(e, "exitEpoch")),
        U64(Get(e, "withdrawableEpoch")));

    public static SlashingProtectionRecord SlashingProtectionRecord(JsonElement e) => new(
        U64(Get(e, "lastSignedBlockSlot")), U64(Get(e, "lastSourceEpoch")), U64(Get(e, "lastTargetEpoch")));

    public static BeaconState BeaconState(JsonElement e)
    {
        var header = Opt(e, "latestBlockHeader");
        var bits = U64(Get(e, "justificationBits"));
        return new BeaconState(
            U64(Get(e, "slot")),
            U64(Get(e, "genesisTime")),
            Hash(e, "genesisRoot"),
            header is null ? null : BeaconBlockHeader(header.Value),
            List(e, "validators", Validator),
            List(e, "balances", U64).AsSpan(),
            List(e, "randaoMixes", Hash).AsSpan(),
            List(e, "blockRoots", Hash).AsSpan(),
            List(e, "slashings", U64).AsSpan(),
            Bytes(Get(e, "previousEpochParticipation")),
            Bytes(Get(e, "currentEpochParticipation")),
            bits <= byte.MaxValue ? (byte)bits : throw new GoldenFormatException($"justificationBits {bits} is not a byte"),
            Checkpoint(Get(e, "previousJustified")),
            Checkpoint(Get(e, "currentJustified")),
            Checkpoint(Get(e, "finalized")),
            List(e, "inactivityScores", U64).AsSpan(),
            LedgerJson.Accounts(Get(e, "accounts")),
            U64(Get(e, "baseFee")));
    }

    private static Signature Sig(JsonElement e, string name) => new(Bytes(Get(e, name)));

    private static ImmutableArray<T> List<T>(JsonElement e, string name, Func<JsonElement, T> item)
    {
        var array = Get(e, name);
        return array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Select(item)]
            : throw new GoldenFormatException($"'{name}' must be an array");
    }
}
