package io.actorchain.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.actorchain.core.crypto.Keys;
import io.actorchain.core.crypto.SigningKey;
import io.actorchain.core.mempool.MempoolPolicy;
import io.actorchain.core.pow.PowBlock;
import io.actorchain.core.pow.PowGenesis;
import io.actorchain.core.pow.PowParams;
import io.actorchain.core.pow.Targets;
import io.actorchain.core.state.Account;
import io.actorchain.core.state.Accounts;
import io.actorchain.core.state.LedgerState;
import io.actorchain.core.state.RegistryEntry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything every node of one network must agree on, plus the per-node defaults, read from the
 * {@code actorchain} block of cluster.hocon (or a scenario). Two processes with equal settings build
 * byte-identical genesis blocks.
 */
public record ChainSettings(
    String chainSeed,
    long genesisTimestamp,
    List<NamedAmount> accounts,
    List<NamedAmount> validators,
    PowParams pow,
    PowMode powMode,
    int minersPerNode,
    long minerHashrate,
    int miningChunk,
    LinkSettings link,
    MempoolPolicy mempool,
    ConsensusSettings consensus) {

  /** A name whose key is derived from the chain seed, and an amount in gwei. */
  public record NamedAmount(String name, long gwei) {}

  public ChainSettings {
    accounts = List.copyOf(accounts);
    validators = List.copyOf(validators);
  }

  /** Reads {@code actorchain.*} from a resolved config. */
  public static ChainSettings fromConfig(Config root) {
    String base = "actorchain";
    if (!root.hasPath(base)) {
      throw new SettingsException(base, "missing: the configuration has no actorchain block");
    }
    Config c = root.getConfig(base);
    String seed = Settings.string(c, "chain-seed", base);
    long genesisTs = Settings.longAtLeast(c, "genesis.timestamp", base, 0);
    List<NamedAmount> accounts = namedAmounts(c, "genesis.accounts", "balance", base);
    List<NamedAmount> validators = namedAmounts(c, "genesis.validators", "stake", base);

    String p = base + ".pow";
    Config pc = c.getConfig("pow");
    PowMode mode = PowMode.parse(p + ".mode", Settings.string(pc, "mode", p));
    long blockTime = Settings.positiveMillis(pc, "block-time", p);
    int interval = Settings.intAtLeast(pc, "retarget-interval", p, 1);
    long reward = Settings.coins(pc, "block-reward", p);
    long drift = Settings.millis(pc, "max-future-drift", p);
    long genesisHashrate = Settings.longAtLeast(pc, "genesis-hashrate", p, 1);
    int miners = Settings.intAtLeast(pc, "miners-per-node", p, 0);
    long minerHashrate = Settings.longAtLeast(pc, "miner-hashrate", p, 0);
    int chunk = Settings.intAtLeast(pc, "chunk", p, 1);
    if (mode == PowMode.SIMULATED && minerHashrate == 0 && miners > 0) {
      throw new SettingsException(p + ".miner-hashrate", "must be positive when pow.mode = simulated");
    }
    // The limit is the easiest possible target, so that any configured hashrate can be simulated.
    PowParams pow = PowParams.defaults()
        .withPowLimit(Targets.MAX_TARGET)
        .withBlockTimeMillis(blockTime)
        .withRetargetInterval(interval)
        .withBlockRewardGwei(reward)
        .withMaxFutureDriftMillis(drift)
        .withGenesisTarget(genesisTargetFor(genesisHashrate, blockTime))
        .withCheckProofOfWork(mode == PowMode.REAL);

    LinkSettings link = LinkSettings.fromConfig(c.getConfig("network"), base + ".network");
    String m = base + ".mempool";
    Config mc = c.getConfig("mempool");
    MempoolPolicy mempool = new MempoolPolicy(
        Settings.intAtLeast(mc, "capacity", m, 1),
        Settings.intAtLeast(mc, "max-per-sender", m, 1),
        Settings.intAtLeast(mc, "replace-bump-percent", m, 0));
    return new ChainSettings(seed, genesisTs, accounts, validators, pow, mode, miners, minerHashrate, chunk, link, mempool,
        ConsensusSettings.fromConfig(root));
  }

  /** The target whose expected work is {@code hashrate × blockTime}: blocks come every blockTime at that rate. */
  public static io.actorchain.core.codec.Hash32 genesisTargetFor(long hashratePerSecond, long blockTimeMillis) {
    BigInteger hashes = BigInteger.valueOf(hashratePerSecond).multiply(BigInteger.valueOf(blockTimeMillis))
        .divide(BigInteger.valueOf(1000)).max(BigInteger.ONE);
    return Targets.forExpectedWork(hashes);
  }

  private static List<NamedAmount> namedAmounts(Config c, String key, String amountKey, String base) {
    String path = Settings.full(base, key);
    if (!c.hasPath(key)) {
      return List.of();
    }
    List<? extends Config> items;
    try {
      items = c.getConfigList(key);
    } catch (ConfigException e) {
      throw new SettingsException(path, "must be a list of { name = ..., " + amountKey + " = ... }");
    }
    List<NamedAmount> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String at = path + "[" + i + "]";
      String name = Settings.string(items.get(i), "name", at);
      if (!seen.add(name)) {
        throw new SettingsException(at + ".name", "duplicate name '" + name + "'");
      }
      out.add(new NamedAmount(name, Settings.coins(items.get(i), amountKey, at)));
    }
    return out;
  }

  public SigningKey key(String name) {
    return Keys.fromName(chainSeed, name);
  }

  /**
   * The name of registry index {@code index}: the genesis validators come first, in this order (CONSENSUS.md §4);
   * a validator a deposit added has none and is {@code "#index"}.
   */
  public String validatorName(long index) {
    return index >= 0 && index < validators.size() ? validators.get((int) index).name() : "#" + index;
  }

  public LedgerState genesisState() {
    List<Account> funded = new ArrayList<>();
    for (NamedAmount a : accounts) {
      funded.add(new Account(key(a.name()).address(), a.gwei(), 0));
    }
    List<RegistryEntry> registry = new ArrayList<>();
    for (NamedAmount v : validators) {
      registry.add(new RegistryEntry(key(v.name()).publicKey(), v.gwei(), false));
    }
    return LedgerState.genesis(Accounts.of(funded), registry);
  }

  public PowBlock genesisBlock() {
    return PowGenesis.block(pow, genesisTimestamp);
  }

  public ChainSettings withPowMode(PowMode mode) {
    return new ChainSettings(chainSeed, genesisTimestamp, accounts, validators,
        pow.withCheckProofOfWork(mode == PowMode.REAL), mode, minersPerNode, minerHashrate, miningChunk, link, mempool, consensus);
  }

  public ChainSettings withPow(PowParams newPow) {
    return new ChainSettings(chainSeed, genesisTimestamp, accounts, validators, newPow, powMode, minersPerNode,
        minerHashrate, miningChunk, link, mempool, consensus);
  }

  public ChainSettings withLink(LinkSettings newLink) {
    return new ChainSettings(chainSeed, genesisTimestamp, accounts, validators, pow, powMode, minersPerNode,
        minerHashrate, miningChunk, newLink, mempool, consensus);
  }

  public ChainSettings withConsensus(ConsensusSettings c) {
    return new ChainSettings(chainSeed, genesisTimestamp, accounts, validators, pow, powMode, minersPerNode, minerHashrate,
        miningChunk, link, mempool, c);
  }

  public ChainSettings withValidators(List<NamedAmount> newValidators) {
    return new ChainSettings(chainSeed, genesisTimestamp, accounts, newValidators, pow, powMode, minersPerNode,
        minerHashrate, miningChunk, link, mempool, consensus);
  }

  /** The same chain under another chain seed: other keys (CONSENSUS.md §0), so other RANDAO reveals and proposers. */
  public ChainSettings withChainSeed(String seed) {
    return new ChainSettings(seed, genesisTimestamp, accounts, validators, pow, powMode, minersPerNode, minerHashrate,
        miningChunk, link, mempool, consensus);
  }

  public ChainSettings withGenesisTimestamp(long timestamp) {
    return new ChainSettings(chainSeed, timestamp, accounts, validators, pow, powMode, minersPerNode, minerHashrate,
        miningChunk, link, mempool, consensus);
  }

  public ChainSettings withMiners(int perNode, long hashrate) {
    return new ChainSettings(chainSeed, genesisTimestamp, accounts, validators, pow, powMode, perNode, hashrate,
        miningChunk, link, mempool, consensus);
  }
}
