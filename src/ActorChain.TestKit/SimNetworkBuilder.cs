using System.Collections.Immutable;
using ActorChain.Core.Pos;
using ActorChain.Node;
using ActorChain.Node.Configuration;
using ActorChain.Node.Consensus;
using ActorChain.Node.Faults;
using ActorChain.Node.Storage;
using ActorChain.Node.Time;
using Akka.Actor;

namespace ActorChain.TestKit;

public sealed partial class SimNetwork
{
    /// <summary>
    /// How a <see cref="SimNetwork"/> is made: nodes (a full mesh), miners, validators and their stakes, links, the
    /// seed, the consensus (PoW, the merge at a height, or PoS from genesis) and its preset, and faults from the start.
    /// Every method returns the builder; <see cref="Start()"/> starts the network at virtual time 0.
    /// </summary>
    public sealed class Builder
    {
        private readonly string _name;
        private readonly SortedDictionary<int, ulong> _miners = [];
        private readonly SortedDictionary<int, NodeStores> _stores = [];
        private readonly SortedDictionary<int, List<string>> _alsoHosted = [];
        private readonly List<(string Name, ulong Coins, int Node)> _named = [];
        private readonly List<Fault> _faults = [];
        private LinkSettings _link = new(50, 20, 0.0);
        private int _nodeCount = 2;
        private ulong _seed = 1;
        private int _validatorCount;
        private ulong _stakeCoins = 32;
        private ulong? _mergeAt;
        private bool _pos;
        private ConsensusConfig _consensus = ConsensusConfig.Minimal;
        private string _logLevel = "WARNING";

        internal Builder(string name) => _name = name;

        /// <summary><paramref name="n"/> nodes (2 by default), every one linked to every other.</summary>
        public Builder Nodes(int n)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
            _nodeCount = n;
            return this;
        }

        /// <summary>One miner on <paramref name="node"/> with <paramref name="hashrate"/> hashes per second (simulated mining).</summary>
        public Builder Miner(int node, ulong hashrate)
        {
            _miners[node] = hashrate;
            return this;
        }

        /// <summary>Every link's latency, jitter and loss (50 ± 20 ms, no loss by default).</summary>
        public Builder Link(LinkSettings link)
        {
            _link = link;
            return this;
        }

        /// <summary>Every link's latency: <paramref name="meanMillis"/> ± <paramref name="jitterMillis"/>.</summary>
        public Builder Latency(long meanMillis, long jitterMillis) => Link(_link with { MeanLatencyMillis = meanMillis, JitterMillis = jitterMillis });

        /// <summary>The probability that a link drops a message (0 by default).</summary>
        public Builder Loss(double probability) => Link(_link with { Loss = probability });

        /// <summary>The run's seed (1 by default): the same seed gives the same run.</summary>
        public Builder Seed(ulong seed)
        {
            _seed = seed;
            return this;
        }

        /// <summary><paramref name="count"/> validators v0..v{count-1} of <paramref name="stakeCoins"/> each, round-robin over the nodes.</summary>
        public Builder Validators(int count, ulong stakeCoins = 32)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            _validatorCount = count;
            _stakeCoins = stakeCoins;
            return this;
        }

        /// <summary>One more genesis validator called <paramref name="name"/> with <paramref name="stakeCoins"/>, on <paramref name="node"/> (after v0..).</summary>
        public Builder Validator(string name, ulong stakeCoins, int node)
        {
            _named.Add((name, stakeCoins, node));
            return this;
        }

        /// <summary>Also runs validator <paramref name="validator"/> on <paramref name="node"/>: one key on two nodes, each copy with its own protection record.</summary>
        public Builder AlsoHost(int node, string validator)
        {
            if (!_alsoHosted.TryGetValue(node, out var list)) _alsoHosted[node] = list = [];
            list.Add(validator);
            return this;
        }

        /// <summary>Starts straight in proof of stake at virtual time 0 (no miners needed).</summary>
        public Builder Pos()
        {
            _pos = true;
            return this;
        }

        /// <summary>Proof of work until the merge at <paramref name="height"/>, then proof of stake (give it miners).</summary>
        public Builder MergeAt(ulong height)
        {
            _mergeAt = height;
            return this;
        }

        /// <summary>The PoS preset: <c>minimal</c> (the default: 8 slots of 6 s per epoch), <c>mainnet</c> or <c>tutorial</c>.</summary>
        public Builder Preset(string preset) => WithConsensus(ConsensusConfig.ForPreset(preset));

        /// <summary>The PoS constants (a preset, possibly with overrides).</summary>
        public Builder WithConsensus(ConsensusConfig config)
        {
            _consensus = config;
            return this;
        }

        /// <summary>Injects <paramref name="fault"/> as the network starts (after PoS started, with <see cref="Pos"/>).</summary>
        public Builder WithFault(Fault fault)
        {
            _faults.Add(fault);
            return this;
        }

        /// <summary>Node <paramref name="node"/>'s stores (in memory by default; the caller disposes what it gives).</summary>
        public Builder WithStores(int node, NodeStores stores)
        {
            _stores[node] = stores;
            return this;
        }

        /// <summary>Akka's log level for the run (WARNING by default: the nodes' INFO lines are many).</summary>
        public Builder WithLogLevel(string level)
        {
            _logLevel = level;
            return this;
        }

        /// <summary>Starts the network in its own actor system: its nodes are up (and in PoS when asked) at virtual time 0.</summary>
        public SimNetwork Start() => new(Setup(null));

        /// <summary>
        /// Starts the network inside <paramref name="system"/> (built on <see cref="SimConfig"/>, e.g. a
        /// <see cref="ConsensusTestKit"/>'s), driven by its <paramref name="conductor"/>.
        /// </summary>
        public SimNetwork Start(ActorSystem system, Conductor conductor) => new(Setup(new HostSystem(system, conductor)));

        /// <summary>The chain settings a network of this builder runs with (the same every time).</summary>
        public ChainSettings Settings()
        {
            var baseSettings = ChainSettings.Defaults;
            var total = _miners.Values.Aggregate(0UL, (a, r) => a + r);
            ImmutableArray<NamedAmount> stakes =
            [
                .. Enumerable.Range(0, _validatorCount).Select(v => new NamedAmount("v" + v, Core.Units.Coins(_stakeCoins))),
                .. _named.Select(v => new NamedAmount(v.Name, Core.Units.Coins(v.Coins))),
            ];
            return baseSettings with
            {
                PowMode = PowMode.Simulated,
                GenesisTimestamp = 0,
                Link = _link,
                // Simulated mining draws block times and checks no proof of work (Java ChainSettings.withPowMode).
                Pow = baseSettings.Pow.WithCheckProofOfWork(false)
                    .WithGenesisTarget(ChainSettings.GenesisTargetFor(Math.Max(1UL, total), baseSettings.Pow.BlockTimeMillis)),
                Validators = stakes,
                Consensus = new ConsensusSettings(_consensus, _mergeAt, 2),
            };
        }

        private Setup Setup(HostSystem? host)
        {
            var specs = ImmutableArray.CreateBuilder<NodeSpec>(_nodeCount);
            for (var i = 0; i < _nodeCount; i++)
            {
                var miners = _miners.TryGetValue(i, out var rate) ? ImmutableArray.Create(new MinerSpec("miner-" + i, rate)) : [];
                var validators = new List<string>();
                for (var v = i; v < _validatorCount; v += _nodeCount)
                    validators.Add("v" + v);
                var node = i;
                validators.AddRange(_named.Where(v => v.Node == node).Select(v => v.Name));
                if (_alsoHosted.TryGetValue(i, out var extra))
                    validators.AddRange(extra);
                specs.Add(new NodeSpec(i, miners, [.. validators], null));
            }

            foreach (var (name, _, node) in _named)
            {
                if (node < 0 || node >= _nodeCount)
                    throw new ArgumentOutOfRangeException(nameof(node), node, $"validator {name} is on node {node}, but the network has nodes 0..{_nodeCount - 1}");
            }

            return new Setup(_name, Settings(), specs.MoveToImmutable(), _seed, _pos, _logLevel, _stores, [.. _faults], null, host);
        }
    }
}
