using ActorChain.Core;
using ActorChain.Core.Pos;
using ActorChain.Core.Pow;
using ActorChain.Node.Configuration;

namespace ActorChain.Node.Tests.SettingsLoading;

/// <summary><see cref="ChainSettingsLoader"/>: cluster.hocon's <c>actorchain</c> block, and errors naming the full key path.</summary>
public sealed class ChainSettingsLoaderTest
{
    private static readonly string ClusterHocon = File.ReadAllText(FindClusterHocon());

    [Fact]
    public void Reads_the_repository_cluster_hocon_as_the_defaults()
    {
        var s = ChainSettingsLoader.FromHocon(ClusterHocon);

        s.Should().BeEquivalentTo(ChainSettings.Defaults, o => o.Excluding(x => x.Pow));
        s.Pow.Should().Be(ChainSettings.Defaults.Pow.WithCheckProofOfWork(true));
        s.GenesisBlock().Hash.Should().Be(ChainSettings.Defaults.GenesisBlock().Hash);
    }

    [Fact]
    public void Reads_validators_simulated_pow_overrides_and_the_merge()
    {
        var s = ChainSettingsLoader.FromHocon(ClusterHocon + """
            actorchain.genesis.validators = [ { name = v0, stake = 32 }, { name = v1, stake = "32.5" } ]
            actorchain.pow { mode = simulated, block-time = 1s }
            actorchain.consensus {
              preset = tutorial
              overrides { SLOTS_PER_EPOCH = 4 }
              merge { at-height = 10, confirmations = 3, genesis-delay = 30s }
            }
            actorchain.network.latency { mean = 100ms, jitter = 20ms }
            actorchain.network.loss = 0.1
            """);

        s.Validators.Should().Equal(new NamedAmount("v0", Units.Coins(32)), new NamedAmount("v1", 32_500_000_000));
        s.PowMode.Should().Be(PowMode.Simulated);
        s.Pow.CheckProofOfWork.Should().BeFalse();
        s.Pow.BlockTimeMillis.Should().Be(1000);
        s.Consensus.Config.Should().Be(ConsensusConfig.Tutorial with { SlotsPerEpoch = 4 });
        s.Consensus.MergeAtHeight.Should().Be(10);
        s.Consensus.MergeConfirmations.Should().Be(3);
        s.Consensus.MergeGenesisDelayMillis.Should().Be(30_000);
        s.Link.Should().Be(new LinkSettings(100, 20, 0.1));
    }

    [Theory]
    [InlineData("actorchain.pow.block-time = fast", "actorchain.pow.block-time", "must be a duration such as 100ms or 2s, got fast")]
    [InlineData("actorchain.pow.block-time = 0s", "actorchain.pow.block-time", "must be positive, got 0 ms")]
    [InlineData("actorchain.pow.mode = quantum", "actorchain.pow.mode", "must be real or simulated, got 'quantum'")]
    [InlineData("actorchain.pow.retarget-interval = 0", "actorchain.pow.retarget-interval", "must be at least 1, got 0")]
    [InlineData("actorchain.mempool.capacity = lots", "actorchain.mempool.capacity", "must be a whole number, got lots")]
    [InlineData("actorchain.network.loss = 2", "actorchain.network.loss", "must be a probability in [0, 1], got 2")]
    [InlineData("actorchain.network.latency.jitter = 5ms", "actorchain.network.latency.jitter", "must not exceed the mean (0 ms), got 5 ms")]
    [InlineData("actorchain.genesis.accounts = [ { name = a, balance = 1 }, { name = a, balance = 2 } ]", "actorchain.genesis.accounts[1].name", "duplicate name 'a'")]
    [InlineData("actorchain.genesis.validators = [ { name = v0 } ]", "actorchain.genesis.validators[0].stake", "missing")]
    [InlineData("actorchain.consensus.preset = huge", "actorchain.consensus.preset", "unknown preset 'huge'; choose minimal, mainnet or tutorial")]
    [InlineData("actorchain.consensus.overrides.SLOTS_PER_EPOCH = 0", "actorchain.consensus.overrides.SLOTS_PER_EPOCH", "*")]
    [InlineData("actorchain.pow { miners-per-node = 2, miner-hashrate = 0, mode = simulated }", "actorchain.pow.miner-hashrate", "must be positive when pow.mode = simulated")]
    public void Names_the_full_key_path_of_a_bad_value(string line, string path, string problem)
    {
        var act = () => ChainSettingsLoader.FromHocon(ClusterHocon + "\n" + line);

        var e = act.Should().Throw<SettingsException>().Which;
        e.Path.Should().Be(path);
        e.Problem.Should().Match(problem);
    }

    [Fact]
    public void Names_the_flag_of_a_bad_amount_of_coins()
    {
        Coins.ToGwei("--stake", "1.5").Should().Be(1_500_000_000);
        FluentActions.Invoking(() => Coins.ToGwei("--stake", "-3"))
            .Should().Throw<SettingsException>().Which.Path.Should().Be("--stake");
    }

    [Fact]
    public void Names_the_config_flag_when_the_file_is_missing() =>
        FluentActions.Invoking(() => ChainSettingsLoader.FromFile("/no/such/cluster.hocon"))
            .Should().Throw<SettingsException>().Which.Message.Should().Be("--config: no such file: /no/such/cluster.hocon");

    [Fact]
    public void Refuses_a_config_without_an_actorchain_block() =>
        FluentActions.Invoking(() => ChainSettingsLoader.FromHocon("akka { }"))
            .Should().Throw<SettingsException>().Which.Path.Should().Be("actorchain");

    private static string FindClusterHocon()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var f = Path.Combine(dir.FullName, "cluster.hocon");
            if (File.Exists(f))
            {
                return f;
            }
        }

        throw new FileNotFoundException("cluster.hocon above " + AppContext.BaseDirectory);
    }
}
