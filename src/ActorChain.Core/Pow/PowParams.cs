using ActorChain.Core.Codec;

namespace ActorChain.Core.Pow;

/// <summary>
/// The proof-of-work constants (CONSENSUS.md §3). Immutable; a value out of range is an
/// <see cref="ArgumentException"/> naming it (a config error, never a silent default).
/// </summary>
public sealed record PowParams
{
    /// <summary>POW_BLOCK_REWARD: 50 coins.</summary>
    public static readonly ulong DefaultBlockReward = Units.Coins(50);

    /// <summary>RETARGET_INTERVAL: 16 blocks.</summary>
    public const ulong DefaultRetargetInterval = 16;

    /// <summary>BLOCK_TIME: 2 s.</summary>
    public const ulong DefaultBlockTimeMillis = 2_000;

    /// <summary><c>2^248 − 1</c>: no block needs fewer than about 256 hashes.</summary>
    public static readonly Hash32 DefaultPowLimit = Hash32.FromUnsignedBigInteger((Targets.TwoPow256 >> 8) - 1);

    /// <summary>Expected work 8,000,000 hashes: a block every 2 s at 4 MH/s.</summary>
    public static readonly Hash32 DefaultGenesisTarget = Targets.ForExpectedWork(4_000_000L * 2);

    /// <summary>MAX_FUTURE_DRIFT: 15 s.</summary>
    public const ulong DefaultMaxFutureDriftMillis = 15_000;

    /// <summary>The median time past covers the last 11 blocks.</summary>
    public const int DefaultMedianTimeSpan = 11;

    /// <summary>Creates the constants, checking each; see the properties for their meaning.</summary>
    public PowParams(
        ulong blockRewardGwei,
        ulong retargetInterval,
        ulong blockTimeMillis,
        Hash32 powLimit,
        Hash32 genesisTarget,
        ulong maxFutureDriftMillis,
        int medianTimeSpan,
        bool checkProofOfWork)
    {
        Require(retargetInterval >= 1, $"retargetInterval must be ≥ 1, got {retargetInterval}");
        Require(blockTimeMillis >= 1, $"blockTimeMillis must be ≥ 1, got {blockTimeMillis}");
        Require(medianTimeSpan >= 1, $"medianTimeSpan must be ≥ 1, got {medianTimeSpan}");
        Require(!powLimit.IsZero, "powLimit must be ≥ 1");
        Require(!genesisTarget.IsZero, "genesisTarget must be ≥ 1");
        Require(genesisTarget <= powLimit, $"genesisTarget {genesisTarget} is above powLimit {powLimit}; raise powLimit first");
        Require(blockTimeMillis <= ulong.MaxValue / retargetInterval,
            $"retargetInterval {retargetInterval} × blockTimeMillis {blockTimeMillis} overflows");
        BlockRewardGwei = blockRewardGwei;
        RetargetInterval = retargetInterval;
        BlockTimeMillis = blockTimeMillis;
        PowLimit = powLimit;
        GenesisTarget = genesisTarget;
        MaxFutureDriftMillis = maxFutureDriftMillis;
        MedianTimeSpan = medianTimeSpan;
        CheckProofOfWork = checkProofOfWork;
    }

    /// <summary>POW_BLOCK_REWARD, paid with the tips through the coinbase.</summary>
    public ulong BlockRewardGwei { get; }

    /// <summary>RETARGET_INTERVAL, in blocks.</summary>
    public ulong RetargetInterval { get; }

    /// <summary>BLOCK_TIME, in milliseconds.</summary>
    public ulong BlockTimeMillis { get; }

    /// <summary>POW_LIMIT: the easiest target retargeting may reach.</summary>
    public Hash32 PowLimit { get; }

    /// <summary>The target of block 1 (and of every block until the first retarget).</summary>
    public Hash32 GenesisTarget { get; }

    /// <summary>MAX_FUTURE_DRIFT: how far ahead of the local clock a timestamp may be.</summary>
    public ulong MaxFutureDriftMillis { get; }

    /// <summary>How many blocks the median time past covers.</summary>
    public int MedianTimeSpan { get; }

    /// <summary>Whether <c>powHash ≤ target</c> is checked; false in <c>pow.mode = simulated</c>.</summary>
    public bool CheckProofOfWork { get; }

    /// <summary><c>RETARGET_INTERVAL × BLOCK_TIME</c>: the time one retarget window should take.</summary>
    public ulong ExpectedSpanMillis => RetargetInterval * BlockTimeMillis;

    /// <summary>50 coins, retarget every 16 blocks towards 2 s, real proof of work checked.</summary>
    public static PowParams Defaults() => new(DefaultBlockReward, DefaultRetargetInterval, DefaultBlockTimeMillis,
        DefaultPowLimit, DefaultGenesisTarget, DefaultMaxFutureDriftMillis, DefaultMedianTimeSpan, checkProofOfWork: true);

    /// <summary>A copy with another block reward.</summary>
    public PowParams WithBlockRewardGwei(ulong v) => new(v, RetargetInterval, BlockTimeMillis, PowLimit, GenesisTarget,
        MaxFutureDriftMillis, MedianTimeSpan, CheckProofOfWork);

    /// <summary>A copy with another retarget interval.</summary>
    public PowParams WithRetargetInterval(ulong v) => new(BlockRewardGwei, v, BlockTimeMillis, PowLimit, GenesisTarget,
        MaxFutureDriftMillis, MedianTimeSpan, CheckProofOfWork);

    /// <summary>A copy with another block time.</summary>
    public PowParams WithBlockTimeMillis(ulong v) => new(BlockRewardGwei, RetargetInterval, v, PowLimit, GenesisTarget,
        MaxFutureDriftMillis, MedianTimeSpan, CheckProofOfWork);

    /// <summary>A copy with another POW_LIMIT.</summary>
    public PowParams WithPowLimit(Hash32 v) => new(BlockRewardGwei, RetargetInterval, BlockTimeMillis, v, GenesisTarget,
        MaxFutureDriftMillis, MedianTimeSpan, CheckProofOfWork);

    /// <summary>A copy with another genesis target.</summary>
    public PowParams WithGenesisTarget(Hash32 v) => new(BlockRewardGwei, RetargetInterval, BlockTimeMillis, PowLimit, v,
        MaxFutureDriftMillis, MedianTimeSpan, CheckProofOfWork);

    /// <summary>A copy with another MAX_FUTURE_DRIFT.</summary>
    public PowParams WithMaxFutureDriftMillis(ulong v) => new(BlockRewardGwei, RetargetInterval, BlockTimeMillis,
        PowLimit, GenesisTarget, v, MedianTimeSpan, CheckProofOfWork);

    /// <summary>A copy with another median-time-past span.</summary>
    public PowParams WithMedianTimeSpan(int v) => new(BlockRewardGwei, RetargetInterval, BlockTimeMillis, PowLimit,
        GenesisTarget, MaxFutureDriftMillis, v, CheckProofOfWork);

    /// <summary>A copy that checks the proof of work or skips it.</summary>
    public PowParams WithCheckProofOfWork(bool v) => new(BlockRewardGwei, RetargetInterval, BlockTimeMillis, PowLimit,
        GenesisTarget, MaxFutureDriftMillis, MedianTimeSpan, v);

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }
}
