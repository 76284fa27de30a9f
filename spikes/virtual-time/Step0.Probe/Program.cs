using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Step0.Time;

// Probe: what happens if the loggers stay on the (virtual) default dispatcher?
var hocon = SimConfig.Hocon().Replace("loggers-dispatcher = \"akka.actor.internal-dispatcher\"", "");
var sw = Stopwatch.StartNew();
try
{
    var sys = ActorSystem.Create("probe", ConfigurationFactory.ParseString(hocon));
    Console.WriteLine($"Create returned after {sw.ElapsedMilliseconds} ms; queue holds {((VirtualTimeScheduler)sys.Scheduler).RunQueue.Count}");
    var c = new Conductor(sys);
    Console.WriteLine($"drained {c.Drain()}; shutdown ok={c.Shutdown(TimeSpan.FromSeconds(10))}");
}
catch (Exception e) { Console.WriteLine($"after {sw.ElapsedMilliseconds} ms: {e.GetType().Name}: {e.Message}"); }
