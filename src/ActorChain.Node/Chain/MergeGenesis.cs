using ActorChain.Core.Ledger;
using ActorChain.Core.Pos.Epoch;
using ActorChain.Core.Pos.State;
using ActorChain.Core.Pow;
using ActorChain.Node.Configuration;

namespace ActorChain.Node.Chain;

/// <summary>The PoS genesis of CONSENSUS.md §4 from the terminal PoW block and its ledger, with this chain's settings.</summary>
internal static class MergeGenesis
{
    /// <summary>
    /// MERGE_GENESIS_DELAY in ms: <c>merge.genesis-delay</c> when set, else
    /// <c>max((MERGE_CONFIRMATIONS + 4) × BLOCK_TIME, 2 × SECONDS_PER_SLOT)</c> with this chain's block time.
    /// </summary>
    public static ulong DelayMillis(ChainSettings settings) =>
        settings.Consensus.MergeGenesisDelayMillis ?? PosGenesis.DefaultGenesisDelayMillis(settings.Consensus.Config,
            (ulong)Math.Max(0, settings.Consensus.MergeConfirmations), settings.Pow.BlockTimeMillis);

    /// <summary>The genesis state: the registry up to <paramref name="terminal"/> (config validators, then deposits), its accounts and base fee.</summary>
    public static BeaconState Build(ChainSettings settings, LedgerState ledger, PowBlock terminal)
    {
        var validators = ledger.Registry.Select(e => new GenesisValidator(e.Pubkey, e.Stake)).ToList();
        return PosGenesis.Create(validators, terminal.Hash, terminal.Timestamp, ledger.Accounts, ledger.BaseFee,
            settings.Consensus.Config, DelayMillis(settings));
    }
}
