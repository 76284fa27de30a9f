using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Ledger;
using ActorChain.Core.Pos.Model;
using ActorChain.Core.Pos.State;

namespace ActorChain.Core.Pos.Epoch;

/// <summary>A genesis validator: its key and its stake in gwei, which becomes its balance (CONSENSUS.md §4).</summary>
public sealed record GenesisValidator(PubKey Pubkey, ulong Stake);

/// <summary>The PoS genesis state built from the terminal PoW block <c>T</c> (CONSENSUS.md §4).</summary>
public static class PosGenesis
{
    /// <summary>MERGE_CONFIRMATIONS's default (CONSENSUS.md §4).</summary>
    public const ulong DefaultMergeConfirmations = 2;

    /// <summary>The PoW BLOCK_TIME's default, in milliseconds (CONSENSUS.md §3).</summary>
    public const ulong DefaultBlockTimeMillis = 2000;

    /// <summary>
    /// MERGE_GENESIS_DELAY's default in milliseconds (§4):
    /// <c>max((MERGE_CONFIRMATIONS + 4) × BLOCK_TIME, 2 × SECONDS_PER_SLOT)</c>.
    /// </summary>
    public static ulong DefaultGenesisDelayMillis(ConsensusConfig c, ulong mergeConfirmations = DefaultMergeConfirmations,
        ulong blockTimeMillis = DefaultBlockTimeMillis) =>
        Math.Max(checked((mergeConfirmations + 4) * blockTimeMillis), checked(2 * c.SecondsPerSlot * 1000));

    /// <summary>
    /// <c>genesisTime</c> in seconds (§4): <c>T.timestamp + MERGE_GENESIS_DELAY</c>, both in milliseconds, rounded up
    /// to a whole second.
    /// </summary>
    public static ulong GenesisTime(ulong terminalTimestampMillis, ulong genesisDelayMillis)
    {
        var millis = checked(terminalTimestampMillis + genesisDelayMillis);
        return (millis / 1000) + (millis % 1000 == 0 ? 0UL : 1UL);
    }

    /// <summary>
    /// The genesis state (§4): slot 0; <c>genesisRoot = T.hash</c>; every validator active from epoch 0 (no churn at
    /// genesis) with <c>balance = stake</c> and <c>effBal = min(stake − stake % INCREMENT, MAX_EFFECTIVE_BALANCE)</c>;
    /// every RANDAO mix <c>T.hash</c>; block roots zero (the first slot records the anchor); the justified and
    /// finalized checkpoints <c>(0, T.hash)</c>; no latest block header (the anchor is the latest block).
    /// <paramref name="validators"/> are in registry order (config validators, then PoW deposits up to T).
    /// <paramref name="genesisDelayMillis"/> defaults to <see cref="DefaultGenesisDelayMillis"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No validator, or a pubkey given twice (a configuration error).</exception>
    public static BeaconState Create(IReadOnlyList<GenesisValidator> validators, Hash32 terminalHash,
        ulong terminalTimestampMillis, Accounts accounts, ulong baseFee, ConsensusConfig c,
        ulong? genesisDelayMillis = null)
    {
        ArgumentNullException.ThrowIfNull(validators);
        if (validators.Count == 0)
        {
            throw new ArgumentException("PoS genesis needs at least one validator", nameof(validators));
        }

        var n = validators.Count;
        var registry = new List<Validator>(n);
        var balances = new ulong[n];
        var seen = new HashSet<PubKey>(); // membership only
        for (var i = 0; i < n; i++)
        {
            var g = validators[i];
            if (!seen.Add(g.Pubkey))
            {
                throw new ArgumentException($"genesis validator {i} repeats pubkey {g.Pubkey}", nameof(validators));
            }

            registry.Add(new Validator(g.Pubkey, c.EffectiveBalanceOf(g.Stake), false, 0, 0,
                ConsensusConfig.FarFutureEpoch, ConsensusConfig.FarFutureEpoch));
            balances[i] = g.Stake;
        }

        var mixes = Enumerable.Repeat(terminalHash, checked((int)c.EpochsPerHistoricalVector)).ToArray();
        var blockRoots = new Hash32[checked((int)c.SlotsPerHistoricalRoot)]; // default(Hash32) is Hash32.Zero
        var slashings = new ulong[checked((int)c.EpochsPerSlashingsVector)];
        var anchor = new Checkpoint(0, terminalHash);
        var genesisTime = GenesisTime(terminalTimestampMillis, genesisDelayMillis ?? DefaultGenesisDelayMillis(c));
        return new BeaconState(0, genesisTime, terminalHash, null, registry, balances, mixes, blockRoots, slashings,
            new byte[n], new byte[n], 0, anchor, anchor, anchor, new ulong[n], accounts, baseFee);
    }
}
