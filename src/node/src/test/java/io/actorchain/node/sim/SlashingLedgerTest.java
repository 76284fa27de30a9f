package io.actorchain.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.Units;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.PubKey;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.epoch.PosGenesis;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.state.Accounts;
import io.actorchain.node.events.NodeEvent;
import java.util.ArrayList;
import io.actorchain.node.fault.Fault;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SIMULATION.md's summary.json {@code slashings}: from the nodes' events, for the validators the state slashed. */
class SlashingLedgerTest {
  private static final List<String> NAMES = List.of("v0", "v1", "v2", "v3");

  private static BeaconState fourValidators() {
    List<PosGenesis.GenesisValidator> vs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      byte[] key = new byte[32];
      key[0] = (byte) (i + 1);
      vs.add(new PosGenesis.GenesisValidator(PubKey.wrap(key), Units.coins(32)));
    }
    return PosGenesis.create(vs, Hash32.ZERO, 0, Accounts.empty(), 1, ConsensusConfig.minimal());
  }

  private static NodeEvent found(int node, int index, String kind, long epoch, long slot) {
    return NodeEvent.of(slot * 1000, node, "evidence_found", "index", index, "name", "v" + index, "kind", kind,
        "epoch", epoch, "detectedAtSlot", slot, "via", node == 1 ? "slasher" : "gossip");
  }

  private static NodeEvent included(int node, int index, String kind, long slot) {
    return NodeEvent.of(slot * 1000, node, "validator_slashed", "index", index, "name", "v" + index, "kind", kind,
        "includedAtSlot", slot);
  }

  @Test
  void shouldListEachSlashedValidatorWithItsFirstDetectionAndInclusion() {
    SlashingLedger ledger = new SlashingLedger();
    List.of(found(1, 2, "double-vote", 3, 25), found(0, 2, "double-vote", 3, 25), included(3, 2, "double-vote", 27),
        included(0, 2, "double-vote", 26), found(2, 3, "surround-vote", 4, 33)).forEach(ledger);
    BeaconState state = fourValidators();
    state.setValidator(2, state.validator(2).withSlashed(true));

    List<Map<String, Object>> summary = ledger.summary(state, NAMES);

    assertThat(summary).hasSize(1); // v3's evidence never made it into the final state
    assertThat(summary.get(0)).containsExactly(Map.entry("index", 2), Map.entry("name", "v2"),
        Map.entry("kind", "double-vote"), Map.entry("epoch", 3L), Map.entry("detectedAtSlot", 25L),
        Map.entry("includedAtSlot", 26L), Map.entry("node", 1));
  }

  @Test
  void shouldNameTheValidatorsOfDoubleSigningFaultsOnly() {
    List<Scenario.FaultSpec> faults = List.of(
        fault("double-vote", new Fault.DoubleVote("v5")),
        fault("surround-vote", new Fault.SurroundVote("v6"), new Fault.SurroundVote("v7")),
        fault("offline", new Fault.Offline("v1"), new Fault.Offline("v2")));

    assertThat(SlashingLedger.doubleSigners(faults)).containsExactly("v5", "v6", "v7");
  }

  private static Scenario.FaultSpec fault(String kind, Fault... faults) {
    return new Scenario.FaultSpec(kind, new Scenario.At(Scenario.AtKind.EPOCH, 3), null, List.of(faults), kind);
  }
}
