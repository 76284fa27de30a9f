package io.actorchain.node.http;

import io.actorchain.core.Units;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.model.ValidatorStatus;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.state.RegistryEntry;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeStatus;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.cluster.ClusterNode;
import io.actorchain.node.cluster.Membership;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.pos.DutyReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * {@code GET /api/validators}: every validator of this node's head state (CONSENSUS.md §5.3), with the node hosting it
 * and what it signed last, as that node says (each member of the cluster is asked; a silent one leaves its validators
 * without a host). The field names are the API's contract: {@code node, consensus, slot, epoch} and per validator
 * {@code index, name, node, status, slashed, balance, balanceGwei, effectiveBalance, effectiveBalanceGwei,
 * activationEpoch, exitEpoch, withdrawableEpoch, lastAttestationSlot, lastAttestationTarget, lastProposalSlot,
 * attestations, proposals, fault}. Balances are coins (strings) and gwei (numbers); epochs never reached are null.
 * Before the merge the validators are the PoW registry's, all {@code pending}, balance the stake.
 */
final class ValidatorsView {
  static final Duration DUTIES_TIMEOUT = Duration.ofSeconds(3);

  /** A validator's host and last duties. */
  private record Hosted(int node, DutyReport.Duties duties) {}

  private final ActorSystem<?> system;
  private final ClusterNode.Parts parts;
  private final ChainSettings settings;
  private final List<String> genesisNames = new ArrayList<>();

  ValidatorsView(ActorSystem<?> system, ClusterNode.Parts parts, ChainSettings settings) {
    this.system = system;
    this.parts = parts;
    this.settings = settings;
    settings.validators().forEach(v -> genesisNames.add(v.name()));
  }

  CompletionStage<HttpResponse> render() {
    CompletableFuture<Map<String, Hosted>> hosts = hosts().toCompletableFuture();
    return AskPattern.<NodeGuardian.Command, NodeStatus>ask(parts.guardian(), NodeGuardian.GetStatus::new,
            NodeApi.ASK_TIMEOUT, system.scheduler())
        .thenCompose(status -> status.slot() == null ? powRows(status, hosts) : posRows(status, hosts))
        .exceptionally(NodeApi::unavailable);
  }

  private CompletionStage<ActorRef<ChainActor.Command>> chain() {
    return AskPattern.<NodeGuardian.Command, NodeGuardian.Parts>ask(parts.guardian(), NodeGuardian.GetParts::new,
        NodeApi.ASK_TIMEOUT, system.scheduler()).thenApply(NodeGuardian.Parts::chain);
  }

  private CompletionStage<HttpResponse> posRows(NodeStatus status, CompletableFuture<Map<String, Hosted>> hosts) {
    ConsensusConfig config = settings.consensus().config();
    return chain()
        .thenCompose(chain -> AskPattern.<ChainActor.Command, PosCommand.PosStatus>ask(chain, PosCommand.GetPosStatus::new,
            NodeApi.ASK_TIMEOUT, system.scheduler()))
        .thenCombine(hosts, (pos, hosted) -> {
          BeaconState st = pos.headState();
          long epoch = config.epochOf(pos.currentSlot());
          List<Map<String, Object>> rows = new ArrayList<>();
          for (int i = 0; i < st.validatorCount(); i++) {
            Validator v = st.validator(i);
            Map<String, Object> row = row(i, hosted);
            row.put("status", ValidatorStatus.of(v, epoch, config).label());
            row.put("slashed", v.slashed());
            balances(row, st.balance(i), v.effectiveBalance());
            row.put("activationEpoch", epochOrNull(v.activationEpoch()));
            row.put("exitEpoch", epochOrNull(v.exitEpoch()));
            row.put("withdrawableEpoch", epochOrNull(v.withdrawableEpoch()));
            duties(row, i, hosted);
            rows.add(row);
          }
          return answer(status, "pos", pos.currentSlot(), epoch, rows);
        });
  }

  private CompletionStage<HttpResponse> powRows(NodeStatus status, CompletableFuture<Map<String, Hosted>> hosts) {
    return chain()
        .thenCompose(chain -> AskPattern.<ChainActor.Command, ChainActor.HeadInfo>ask(chain, ChainActor.GetHead::new,
            NodeApi.ASK_TIMEOUT, system.scheduler()))
        .thenCombine(hosts, (head, hosted) -> {
          List<RegistryEntry> registry = head.current().next().state().registry();
          List<Map<String, Object>> rows = new ArrayList<>();
          for (int i = 0; i < registry.size(); i++) {
            Map<String, Object> row = row(i, hosted);
            row.put("status", ValidatorStatus.PENDING.label());
            row.put("slashed", false);
            balances(row, registry.get(i).stake(), registry.get(i).stake());
            row.put("activationEpoch", null);
            row.put("exitEpoch", null);
            row.put("withdrawableEpoch", null);
            duties(row, i, hosted);
            rows.add(row);
          }
          return answer(status, "pow", null, null, rows);
        });
  }

  private HttpResponse answer(NodeStatus status, String consensus, Long slot, Long epoch,
      List<Map<String, Object>> rows) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("node", status.node());
    body.put("consensus", consensus);
    body.put("slot", slot);
    body.put("epoch", epoch);
    body.put("validators", rows);
    return ApiJson.ok(body);
  }

  /** Registry index {@code i}: genesis validators come first, in genesis order; deposits have no name. */
  private String nameOf(int i) {
    return i < genesisNames.size() ? genesisNames.get(i) : null;
  }

  private Map<String, Object> row(int i, Map<String, Hosted> hosted) {
    Map<String, Object> row = new LinkedHashMap<>();
    String name = nameOf(i);
    Hosted h = name == null ? null : hosted.get(name);
    row.put("index", i);
    row.put("name", name);
    row.put("node", h == null ? null : h.node());
    return row;
  }

  private static void balances(Map<String, Object> row, long balance, long effective) {
    row.put("balance", Units.formatCoins(balance));
    row.put("balanceGwei", balance);
    row.put("effectiveBalance", Units.formatCoins(effective));
    row.put("effectiveBalanceGwei", effective);
  }

  private void duties(Map<String, Object> row, int i, Map<String, Hosted> hosted) {
    String name = nameOf(i);
    DutyReport.Duties d = name == null || !hosted.containsKey(name) ? null : hosted.get(name).duties();
    row.put("lastAttestationSlot", d == null ? null : d.lastAttestationSlot());
    row.put("lastAttestationTarget", d == null ? null : d.lastAttestationTarget());
    row.put("lastProposalSlot", d == null ? null : d.lastProposalSlot());
    row.put("attestations", d == null ? null : d.attestations());
    row.put("proposals", d == null ? null : d.proposals());
    row.put("fault", d == null ? null : d.fault());
  }

  private static Long epochOrNull(long epoch) {
    return epoch == ConsensusConfig.FAR_FUTURE_EPOCH ? null : epoch;
  }

  /** Each validator's host and duties, from every member that answers in time (this node's always asked). */
  private CompletionStage<Map<String, Hosted>> hosts() {
    return AskPattern.<Membership.Command, Membership.View>ask(parts.membership(), Membership.GetView::new,
            NodeApi.ASK_TIMEOUT, system.scheduler())
        .handle((view, failure) -> {
          Map<Integer, ActorRef<NodeGuardian.Command>> guardians = new TreeMap<>();
          if (view != null) {
            for (Membership.MemberView m : view.members()) {
              if (m.node() != null && m.guardian() != null && ClusterStatus.ASKED.contains(m.member())) {
                guardians.put(m.node(), m.guardian());
              }
            }
          }
          guardians.put(parts.nodeId(), parts.guardian());
          return guardians;
        })
        .thenCompose(guardians -> {
          List<CompletableFuture<DutyReport>> asks = new ArrayList<>();
          guardians.values().forEach(g -> asks.add(AskPattern.<NodeGuardian.Command, DutyReport>ask(g,
                  NodeGuardian.GetDuties::new, DUTIES_TIMEOUT, system.scheduler())
              .handle((report, failure) -> report).toCompletableFuture()));
          return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, Hosted> out = new TreeMap<>();
            for (CompletableFuture<DutyReport> a : asks) {
              DutyReport r = a.join();
              if (r != null) {
                r.validators().forEach(d -> out.put(d.name(), new Hosted(r.node(), d)));
              }
            }
            return out;
          });
        });
  }
}
