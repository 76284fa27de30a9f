namespace ActorChain.Node.Validators;

/// <summary>
/// Signs the votes of every validator of one actor system in batches: the requests of one instant are signed together
/// at its end, split over the cores inside one handler, and answered in request order (Ed25519 is deterministic).
/// </summary>
public sealed partial class SigningDesk
{
}
