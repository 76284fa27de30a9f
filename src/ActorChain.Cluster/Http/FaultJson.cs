using System.Text.Json.Nodes;
using ActorChain.Node.Faults;
using ActorChain.Node.Network;

namespace ActorChain.Cluster.Http;

/// <summary>A <see cref="Fault"/> as the API shows it: the field names of a scenario's fault entry (SIMULATION.md), durations in ms.</summary>
public static class FaultJson
{
    /// <summary>Only what names the fault (kind, and validator or node): a clear's fault, whose other values are not given.</summary>
    public static JsonObject Named(Fault fault)
    {
        var o = new JsonObject { ["kind"] = fault.Kind };
        if (fault is ValidatorFault v)
            o["validator"] = v.Validator;
        else if (fault is NodeFault n)
            o["node"] = n.Node;
        return o;
    }

    /// <summary>The fault's fields (no <c>detail</c>): also the body that injects it on another node.</summary>
    public static JsonObject Fields(Fault fault)
    {
        var o = Named(fault);
        switch (fault)
        {
            case Fault.Late l:
                o["delay"] = l.DelayMillis + "ms";
                break;
            case Fault.PrivateChain { Release: { } release }:
                o["release"] = release.ToString();
                break;
            case Fault.Partition p:
                o["groups"] = new JsonArray([.. p.Groups.Select(g => (JsonNode)new JsonArray([.. g.Select(n => (JsonNode?)n)]))]);
                break;
            case Fault.Link { Fault: LinkFault.Latency lat }:
                o["mean"] = lat.MeanMillis + "ms";
                o["jitter"] = lat.JitterMillis + "ms";
                break;
            case Fault.Link { Fault: LinkFault.Loss loss }:
                o["probability"] = loss.Probability;
                break;
        }
        return o;
    }

    /// <summary>The fault's fields and its <c>detail</c>, one line.</summary>
    public static JsonObject Of(Fault fault)
    {
        var o = Fields(fault);
        o["detail"] = fault.Describe();
        return o;
    }
}
