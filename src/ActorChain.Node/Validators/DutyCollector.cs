using System.Collections.Immutable;
using Akka.Actor;

namespace ActorChain.Node.Validators;

/// <summary>
/// Asks each hosted <see cref="ValidatorActor"/> what it signed last, once, and answers one <see cref="DutyReport"/> in
/// name order; a validator that does not answer within <see cref="Timeout"/> is reported as unknown. Lives for one request.
/// </summary>
internal sealed class DutyCollector : ReceiveActor, IWithTimers
{
    /// <summary>How long a validator has to answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private sealed record TimedOut : INoSerializationVerificationNeeded
    {
        public static TimedOut Instance { get; } = new();
    }

    private readonly int _node;
    private readonly ImmutableArray<string> _names;
    private readonly IActorRef _replyTo;
    private readonly SortedDictionary<string, DutyReport.Duties> _answers = new(StringComparer.Ordinal);

    /// <summary>Asks every validator of <paramref name="validators"/> (by name) at once.</summary>
    public DutyCollector(int node, ImmutableSortedDictionary<string, IActorRef> validators, IActorRef replyTo)
    {
        _node = node;
        _names = [.. validators.Keys];
        _replyTo = replyTo;
        Receive<DutyReport.Duties>(OnDuties);
        Receive<TimedOut>(_ => Finish());
        foreach (var v in validators.Values)
            v.Tell(new ValidatorActor.GetDuties(Self));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>A collector for one <c>GetDuties</c> request.</summary>
    public static Props Create(int node, ImmutableSortedDictionary<string, IActorRef> validators, IActorRef replyTo) =>
        Props.Create(() => new DutyCollector(node, validators, replyTo));

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (_names.IsEmpty) Finish();
        else Timers.StartSingleTimer("timeout", TimedOut.Instance, Timeout);
    }

    private void OnDuties(DutyReport.Duties d)
    {
        _answers[d.Name] = d;
        if (_answers.Count >= _names.Length) Finish();
    }

    private void Finish()
    {
        var all = _names.Select(n => _answers.TryGetValue(n, out var d) ? d : DutyReport.Duties.Unknown(n, null));
        _replyTo.Tell(new DutyReport(_node, [.. all]));
        Context.Stop(Self);
    }
}
