using ActorChain.Node.Events;
using ActorChain.Node.Faults;
using ActorChain.Simulation.Outputs;
using ActorChain.Simulation.Running;
using ActorChain.Simulation.Scenarios;

namespace ActorChain.Simulation.Tests.Running;

/// <summary>summary.json's <c>faults</c>: what each injected fault did, read from the events (SIMULATION.md, "Faults on duties").</summary>
public sealed class FaultOutcomesTests
{
    private static FaultSpec Spec(string kind, ScenarioTime? until, params Fault[] faults) =>
        new(kind, new ScenarioTime(TimeKind.Epoch, 3), until, [.. faults], kind);

    [Fact]
    public void Counts_the_duties_a_fault_bent_and_says_when_a_double_proposal_never_happened()
    {
        var outcomes = new FaultOutcomes(
        [
            Spec("double-vote", null, new Fault.DoubleVote("v5")),
            Spec("double-proposal", new ScenarioTime(TimeKind.Epoch, 5), new Fault.DoubleProposal("v3")),
        ]);
        outcomes.Accept(NodeEvent.Of(1, 0, "attestation", "validator", "v5", "slot", 24UL, "fault", "double-vote"));
        outcomes.Accept(NodeEvent.Of(2, 0, "attestation", "validator", "v5", "slot", 32UL, "fault", "double-vote"));
        outcomes.Accept(NodeEvent.Of(2, 0, "attestation", "validator", "v5", "slot", 32UL, "fault", "double-vote"));
        outcomes.Accept(NodeEvent.Of(3, 0, "attestation", "validator", "v6", "slot", 32UL));

        Json.Write(outcomes.Summary()).Should().Be(
            "[{\"kind\":\"double-vote\",\"fault\":\"double-vote v5\",\"at\":\"epoch 3\",\"until\":null,\"validator\":\"v5\",\"duties\":2,\"note\":null}," +
            "{\"kind\":\"double-proposal\",\"fault\":\"double-proposal v3\",\"at\":\"epoch 3\",\"until\":\"epoch 5\",\"validator\":\"v3\",\"duties\":0," +
            "\"note\":\"v3 had no proposal duty from epoch 3 to epoch 5: it never double-proposed\"}]");
    }

    [Fact]
    public void Says_a_double_proposal_with_empty_bodies_never_happened()
    {
        var outcomes = new FaultOutcomes([Spec("double-proposal", null, new Fault.DoubleProposal("v3"))]);
        outcomes.Accept(NodeEvent.Of(1, 0, "fault_skipped", "validator", "v3", "slot", 26UL, "fault", "double-proposal"));

        outcomes.Summary()[0]["note"].Should().Be(
            "v3 proposed 1 time(s) from epoch 3 to the end of the run with an empty body, so both blocks would have been the same: it never double-proposed");
    }

    [Fact]
    public void Counts_withheld_and_released_blocks_of_a_miner_fault_and_reports_a_refusal()
    {
        var fault = new Fault.PrivateChain(3, null);
        var outcomes = new FaultOutcomes([Spec("private-chain", null, fault)]);
        outcomes.Accept(NodeEvent.Of(1, 3, "block_withheld", "fault", "private-chain"));
        outcomes.Accept(NodeEvent.Of(2, 3, "block_withheld", "fault", "private-chain"));
        outcomes.Accept(NodeEvent.Of(3, 3, "blocks_released", "fault", "private-chain", "count", 2));
        outcomes.Accept(NodeEvent.Of(3, -1, "fault_rejected", "kind", "private-chain", "fault", fault.Describe(), "detail", "no miner"));

        var entry = outcomes.Summary()[0];
        entry["node"].Should().Be(3);
        entry["withheld"].Should().Be(2L);
        entry["released"].Should().Be(2L);
        entry["note"].Should().Be("refused: no miner");
    }
}
