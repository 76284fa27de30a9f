namespace ActorChain.Node;

/// <summary>
/// What one <see cref="NodeGuardian"/> knows about the merge (CONSENSUS.md §4) besides what the chain decides: whether
/// it happened, and the height a merge command asked for. A plain helper the guardian owns.
/// </summary>
internal sealed class MergePlan
{
    /// <summary>The terminal PoW height once merged.</summary>
    private ulong? _mergedAt;

    /// <summary>The height set by the merge command (here or forwarded by a peer).</summary>
    private ulong? _commanded;

    /// <summary>The chain merged with its terminal block at <paramref name="terminalHeight"/>.</summary>
    public void Merged(ulong terminalHeight) => _mergedAt = terminalHeight;

    /// <summary>The merge is now scheduled at <paramref name="height"/>.</summary>
    public void Scheduled(ulong height) => _commanded = height;

    /// <summary>A forwarded command this node already follows.</summary>
    public bool IsRepeat(ulong height, bool forwarded) => forwarded && height == _commanded && _mergedAt is null;

    /// <summary>The command to pass on to a peer that links later (it may have restarted and missed it), or null.</summary>
    public NodeGuardian.MergeForwarded? ForLatePeer() => _commanded is { } h ? new NodeGuardian.MergeForwarded(h) : null;

    /// <summary>
    /// Why the merge command cannot be followed here, or null. A forwarded one is checked only against what cannot be
    /// undone: its height was checked against the head of the node that took the command.
    /// </summary>
    public string? Refusal(ulong height, bool forwarded, ulong headHeight, bool noValidators)
    {
        if (_mergedAt is { } at)
            return $"already merged (terminal block at PoW height {at}); cannot merge at {height}";
        if (height < 1)
            return $"height must be ≥ 1 (height 0 is the genesis block: start with --pos instead), got {height}";
        if (forwarded)
            return null;
        if (height < headHeight)
            return $"height {height} is below the current head height {headHeight}";
        if (noValidators)
            return "no validators are registered (no genesis validators, no deposits), so the PoS chain would"
                + " have none: give every node the same --stake NAME AMOUNT";
        return null;
    }
}
