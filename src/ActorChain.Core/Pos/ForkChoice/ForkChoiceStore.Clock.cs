using ActorChain.Core.Pos.Model;

namespace ActorChain.Core.Pos.ForkChoice;

/// <summary>The store's clock (CONSENSUS.md §5.6): ticks, timeliness and blocks held for being early.</summary>
public sealed partial class ForkChoiceStore
{
    /// <summary>The attestation deadline, <c>SECONDS_PER_SLOT × 1000 // 3</c> ms: a block before it is timely.</summary>
    public ulong AttestationDeadlineMillis => _config.MillisPerSlot / 3;

    /// <summary>
    /// The clock: at a new slot the proposer boost is cleared and the attestations waiting for their slot to pass are
    /// replayed through the gossip checks against the new clock (a refusal then is silent). An earlier slot is ignored.
    /// </summary>
    public void OnTick(ulong slot, ulong millisIntoSlot)
    {
        if (slot < CurrentSlot)
        {
            return;
        }

        if (slot > CurrentSlot)
        {
            CurrentSlot = slot;
            ProposerBoostRoot = null;
            while (_pending.Count > 0 && _pending.Keys.First() < CurrentSlot)
            {
                var first = _pending.Keys.First();
                var due = _pending[first];
                _pending.Remove(first);
                foreach (var a in due)
                {
                    OnAttestation(a, fromBlock: false);
                }
            }
        }

        MillisIntoSlot = millisIntoSlot;
    }

    /// <summary>Whether a block of <paramref name="slot"/> arriving now is timely: of the current slot, before the attestation deadline.</summary>
    public bool IsTimely(ulong slot) => slot == CurrentSlot && MillisIntoSlot < AttestationDeadlineMillis;

    /// <summary>
    /// Whether a block of <paramref name="slot"/> is after the current slot by at most MAXIMUM_GOSSIP_CLOCK_DISPARITY
    /// (§5.6): such a block is held (<see cref="HoldEarlyBlock"/>) until its slot starts, not refused.
    /// </summary>
    public bool IsEarlyWithinClockDisparity(ulong slot) =>
        slot == CurrentSlot + 1 && _config.MillisPerSlot - MillisIntoSlot <= MaximumGossipClockDisparityMillis;

    /// <summary>
    /// Holds <paramref name="b"/> (once) until its slot starts if it is early within the clock disparity, by the clock
    /// of the last tick; false otherwise (the caller refuses it as <see cref="ForkChoiceInvalidReason.FutureSlot"/>).
    /// </summary>
    public bool HoldEarlyBlock(BeaconBlock b)
    {
        if (!IsEarlyWithinClockDisparity(b.Slot))
        {
            return false;
        }

        if (!_early.Contains(b))
        {
            _early.Add(b);
        }

        return true;
    }

    /// <summary>The held early blocks whose slot has started, in arrival order, no longer held: import them now.</summary>
    public IReadOnlyList<BeaconBlock> TakeDueBlocks()
    {
        var due = _early.Where(b => b.Slot <= CurrentSlot).ToList();
        _early.RemoveAll(b => b.Slot <= CurrentSlot);
        return due;
    }
}
