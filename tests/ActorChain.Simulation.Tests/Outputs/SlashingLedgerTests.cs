using ActorChain.Core;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.State;
using ActorChain.Node.Events;
using ActorChain.Node.Faults;
using ActorChain.Simulation.Outputs;

namespace ActorChain.Simulation.Tests.Outputs;

/// <summary>SIMULATION.md's summary.json <c>slashings</c>: from the nodes' events, for the validators the state slashed.</summary>
public sealed class SlashingLedgerTests
{
    private static readonly string[] Names = ["v0", "v1", "v2", "v3"];

    private static BeaconState FourValidators()
    {
        var vs = new List<GenesisValidator>();
        for (var i = 0; i < 4; i++)
        {
            var key = new byte[32];
            key[0] = (byte)(i + 1);
            vs.Add(new GenesisValidator(PubKey.Wrap(key), Units.Coins(32)));
        }

        return PosGenesis.Create(vs, Hash32.Zero, 0, Accounts.Empty, 1, ConsensusConfig.Minimal);
    }

    private static NodeEvent Found(int node, int index, string kind, ulong epoch, ulong slot) =>
        NodeEvent.Of((long)slot * 1000, node, "evidence_found", "index", index, "name", "v" + index, "kind", kind,
            "epoch", epoch, "detectedAtSlot", slot, "via", node == 1 ? "slasher" : "gossip");

    private static NodeEvent Included(int node, int index, string kind, ulong slot) =>
        NodeEvent.Of((long)slot * 1000, node, "validator_slashed", "index", index, "name", "v" + index, "kind", kind,
            "includedAtSlot", slot);

    [Fact]
    public void Lists_each_slashed_validator_with_its_first_detection_and_earliest_inclusion()
    {
        var ledger = new SlashingLedger();
        foreach (var e in new[]
                 {
                     Found(1, 2, "double-vote", 3, 25), Found(0, 2, "double-vote", 3, 25), Included(3, 2, "double-vote", 27),
                     Included(0, 2, "double-vote", 26), Found(2, 3, "surround-vote", 4, 33),
                 })
        {
            ledger.Accept(e);
        }

        var state = FourValidators();
        state.SetValidator(2, state.Validators[2] with { Slashed = true });

        var summary = ledger.Summary(state, Names);

        summary.Should().ContainSingle("v3's evidence never made it into the final state");
        Json.Write(summary[0]).Should().Be(
            "{\"index\":2,\"name\":\"v2\",\"kind\":\"double-vote\",\"epoch\":3,\"detectedAtSlot\":25,\"includedAtSlot\":26,\"node\":1}");
    }

    [Fact]
    public void Writes_null_for_what_no_event_told()
    {
        var state = FourValidators();
        state.SetValidator(0, state.Validators[0] with { Slashed = true });

        Json.Write(new SlashingLedger().Summary(state, Names)[0]).Should().Be(
            "{\"index\":0,\"name\":\"v0\",\"kind\":null,\"epoch\":null,\"detectedAtSlot\":null,\"includedAtSlot\":null,\"node\":null}");
    }

    [Fact]
    public void Names_the_validators_of_double_signing_faults_only()
    {
        Fault[] faults =
        [
            new Fault.DoubleVote("v5"), new Fault.SurroundVote("v7"), new Fault.SurroundVote("v6"),
            new Fault.Offline("v1"), new Fault.Offline("v2"), new Fault.DoubleProposal("v3"),
        ];

        SlashingLedger.DoubleSigners(faults).Should().Equal("v3", "v5", "v6", "v7");
    }
}
