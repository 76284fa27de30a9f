using ActorChain.Node.Time;
using ActorChain.Simulation.Scenarios;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorChain.TestKit;

/// <summary>
/// A base class for consensus tests: an <c>Akka.TestKit.Xunit2.TestKit</c> whose <c>Sys</c> runs on deterministic
/// virtual time (<see cref="SimConfig"/>), with the <see cref="Time"/> conductor that drives it. Networks started with
/// <see cref="StartNetwork"/> or <see cref="LoadScenario"/> live in <c>Sys</c>, so <c>CreateTestProbe()</c>,
/// <c>TestActor</c> and <c>ExpectMsg</c> work with them: probes run on the calling thread, so what the network sent a
/// probe is already in its queue once a run returns (run or <see cref="Conductor.Drain"/> first; TestKit's own waits
/// are on the wall clock and never move virtual time). Use it from one test thread; the TestKit shuts the system down.
/// </summary>
public abstract class ConsensusTestKit : Akka.TestKit.Xunit2.TestKit
{
    private Conductor? _time;

    /// <summary>A TestKit on virtual time.</summary>
    protected ConsensusTestKit()
        : this(null)
    {
    }

    /// <summary>A TestKit on virtual time; <paramref name="output"/> (xUnit's, from the test class's constructor) receives Akka's log lines.</summary>
    protected ConsensusTestKit(ITestOutputHelper? output)
        : base(VirtualTimeConfig(), "consensus-test", output)
    {
    }

    /// <summary>A TestKit on <paramref name="config"/>, which must layer over <see cref="VirtualTimeConfig"/> (e.g. to add serialize-messages).</summary>
    protected ConsensusTestKit(Config config, ITestOutputHelper? output = null)
        : base(config, "consensus-test", output)
    {
    }

    /// <summary>The conductor of <c>Sys</c>: it moves virtual time. Created on first use, bound to the thread that uses it.</summary>
    protected Conductor Time => _time ??= new Conductor(Sys);

    /// <summary>Akka's configuration of a TestKit on virtual time: <see cref="SimConfig"/> with WARNING logging.</summary>
    public static Config VirtualTimeConfig() =>
        ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(SimConfig.Config());

    /// <summary>A builder of a network called <paramref name="name"/>: finish it with <see cref="StartNetwork"/>.</summary>
    protected static SimNetwork.Builder Network(string name = "net") => SimNetwork.Create(name);

    /// <summary>Starts <paramref name="builder"/>'s network inside <c>Sys</c>, driven by <see cref="Time"/>.</summary>
    protected SimNetwork StartNetwork(SimNetwork.Builder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Start(Sys, Time);
    }

    /// <summary>Starts the network of the scenario file at <paramref name="path"/> inside <c>Sys</c>, its faults scheduled.</summary>
    protected SimNetwork LoadScenario(string path, ulong? seed = null) =>
        SimNetwork.FromScenario(ScenarioParser.ParseFile(path), Sys, Time, seed);

    /// <summary>Terminates <c>Sys</c> by pumping its virtual-time work (when on the conductor's thread), then lets the TestKit finish.</summary>
    protected override void AfterAll()
    {
        if (_time is not null && Environment.CurrentManagedThreadId == _time.Queue.OwnerThread)
            _time.Shutdown(TimeSpan.FromSeconds(10));
        base.AfterAll();
    }
}
