using System.Collections.Immutable;
using ActorChain.Core.Pos.Model;

namespace ActorChain.Node.Chain;

// TEMPORARY: replaced by the beacon engineer's Chain/ChainActor.Beacon.cs; deleted when p2-beacon is merged.
public sealed partial class ChainActor
{
    private void BecomeBeacon(ChainEvent.Merged merged, ImmutableArray<BeaconBlock> reimport)
    {
    }
}
