using System.Net;
using System.Net.Sockets;
using ActorChain.Cli.Commands;
using ActorChain.Cluster.Hosting;

namespace ActorChain.Cli.Tests;

/// <summary><c>node</c>: its flags parse, and bad input is one line with exit code 2 before anything starts.</summary>
public sealed class NodeCommandTests
{
    private static (int Code, string Out, string Err) Run(ClusterNodeOptions o)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = NodeCommand.Run(o, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("node", "--id", "1", "--port", "25521", "--seed-node", "127.0.0.1:25521", "--pos", "--genesis-time", "1767225600000",
        "--stake", "alice", "32", "--stake", "bob", "32", "--validator", "alice", "--http-port", "0", "--data-dir", "d")]
    [InlineData("node", "--pow", "--merge-at", "40", "--config", "c.hocon")]
    public void Good_flags_parse(params string[] args) =>
        Program.BuildRoot().Parse(args).Errors.Should().BeEmpty();

    [Fact]
    public void A_stake_without_an_amount_is_named() =>
        FluentActions.Invoking(() => NodeCommand.Pairs(["alice", "32", "bob"])).Should().Throw<NodeStartException>()
            .WithMessage("--stake needs a validator name and an amount*'bob' alone");

    [Fact]
    public void Pos_without_a_genesis_time_exits_2_in_one_line()
    {
        var (code, _, err) = Run(new ClusterNodeOptions { Pos = true, Stakes = [new("alice", "32")] });
        code.Should().Be(2);
        err.TrimEnd().Should().StartWith("actorchain: node: --pos needs a recent genesis time").And.NotContain("\n");
    }

    [Fact]
    public void A_port_in_use_exits_2_in_one_line()
    {
        var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        try
        {
            var port = ((IPEndPoint)busy.LocalEndpoint).Port;
            var (code, _, err) = Run(new ClusterNodeOptions { Id = 1, Port = port, SeedNodes = ["127.0.0.1:" + port] });
            code.Should().Be(2);
            err.Should().Be($"actorchain: node: port {port} is in use on 127.0.0.1: pick a free remoting port with --port" + Environment.NewLine);
        }
        finally
        {
            busy.Stop();
        }
    }
}
