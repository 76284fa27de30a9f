using System.Collections.Immutable;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Transactions;
using Akka.Actor;
using Akka.Event;

namespace ActorChain.Node.Validators;

/// <summary>
/// Signs the votes of every validator of one actor system in batches: the requests of one instant are signed together
/// at its end, split over the cores inside one handler, and answered in request order (Ed25519 is deterministic).
/// In virtual time the batch is flushed by a zero-delay timer, so it runs once the instant's other work is done and no
/// virtual time passes. The helper threads only compute signatures: every answer is told from the desk's own handler.
/// A validator checks and saves its slashing-protection record before it asks.
/// </summary>
public sealed partial class SigningDesk : ReceiveActor, IWithTimers
{
    /// <summary>Batches smaller than this many requests per part are signed on the desk's own thread only.</summary>
    internal const int MinPart = 8;

    /// <summary>Sign <c>H(Domain ‖ Root)</c> with <paramref name="Key"/>; <paramref name="ReplyTo"/> receives <see cref="Signed"/> with <paramref name="Tag"/>.</summary>
    public sealed record Sign(SigningKey Key, Domain Domain, Hash32 Root, IActorRef ReplyTo, object Tag) : INoSerializationVerificationNeeded;

    /// <summary>The answer to <see cref="Sign"/>: the signature and the request's tag.</summary>
    public sealed record Signed(Signature Signature, object Tag) : INoSerializationVerificationNeeded;

    /// <summary>The timer message that signs the pending batch.</summary>
    private sealed record Flush : INoSerializationVerificationNeeded
    {
        public static Flush Instance { get; } = new();
    }

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly int _cores = Environment.ProcessorCount;
    private List<Sign> _pending = [];

    /// <summary>The desk; one per actor system (<see cref="For"/>).</summary>
    public SigningDesk()
    {
        Receive<Sign>(OnSign);
        Receive<Flush>(_ => OnFlush());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>This actor system's desk, started on first use.</summary>
    public static IActorRef For(ActorSystem system) => system.WithExtension<SigningDeskExtension, SigningDeskExtensionId>().Desk;

    /// <summary>
    /// The signatures of <paramref name="requests"/>, in order, split into up to one part per core of at least
    /// <see cref="MinPart"/> each, signed in parallel inside the caller; each exactly what the key alone makes.
    /// </summary>
    internal static ImmutableArray<Signature> SignInParallel(IReadOnlyList<SigningKey.Request> requests, int cores)
    {
        var size = requests.Count;
        var parts = Math.Min(cores, size / MinPart);
        if (parts <= 1)
            return SigningKey.SignAll(requests);
        var sigs = new Signature[size];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p =>
        {
            var from = p * size / parts;
            var to = (p + 1) * size / parts;
            for (var i = from; i < to; i++)
                sigs[i] = requests[i].Key.Sign(requests[i].Domain, requests[i].Root);
        });
        return [.. sigs];
    }

    private void OnSign(Sign s)
    {
        if (_pending.Count == 0)
            Timers.StartSingleTimer("flush", Flush.Instance, TimeSpan.Zero);
        _pending.Add(s);
    }

    private void OnFlush()
    {
        var batch = _pending;
        _pending = [];
        if (batch.Count == 0) return;
        var requests = new SigningKey.Request[batch.Count];
        for (var i = 0; i < batch.Count; i++)
            requests[i] = new SigningKey.Request(batch[i].Key, batch[i].Domain, batch[i].Root);
        var sigs = SignInParallel(requests, _cores);
        for (var i = 0; i < batch.Count; i++)
        {
            var s = batch[i];
            SignatureCheck.RecordValid(s.Key.PublicKey, s.Domain, s.Root, sigs[i]);
            s.ReplyTo.Tell(new Signed(sigs[i], s.Tag));
        }

        _log.Debug("signing desk: signed a batch of {0}", batch.Count);
    }
}

/// <summary>Holds the one <see cref="SigningDesk"/> of an actor system.</summary>
public sealed class SigningDeskExtension : IExtension
{
    /// <summary>Starts the desk as a system actor of <paramref name="system"/>.</summary>
    public SigningDeskExtension(ExtendedActorSystem system)
    {
        // The system guardian's cell creates the child synchronously (a LocalActorRef), on the default dispatcher:
        // in virtual time its mailbox runs on the conductor's queue like every other actor's.
        Desk = system.Provider.SystemGuardian.Cell.ActorOf(Props.Create(() => new SigningDesk()), "signing-desk");
    }

    /// <summary>The desk.</summary>
    public IActorRef Desk { get; }
}

/// <summary>The extension id of <see cref="SigningDeskExtension"/>.</summary>
public sealed class SigningDeskExtensionId : ExtensionIdProvider<SigningDeskExtension>
{
    /// <inheritdoc />
    public override SigningDeskExtension CreateExtension(ExtendedActorSystem system) => new(system);
}
