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

    public static TheoryData<string, ClusterNodeOptions, string> BadInput => new()
    {
        { "PoS without genesis validators", new ClusterNodeOptions { Pos = true, GenesisTime = Recent }, "--pos needs genesis validators" },
        { "a genesis time in seconds", new ClusterNodeOptions { Pos = true, GenesisTime = Recent / 1000, Stakes = [new("alice", "32")] },
            "--genesis-time is milliseconds since the Unix epoch" },
        { "a stake that is not coins", new ClusterNodeOptions { Pos = true, GenesisTime = Recent, Stakes = [new("alice", "lots")] }, "--stake alice" },
        { "a stake of zero", new ClusterNodeOptions { Pos = true, GenesisTime = Recent, Stakes = [new("alice", "0")] }, "the stake must be positive" },
        { "a stake given twice", new ClusterNodeOptions { Pos = true, GenesisTime = Recent, Stakes = [new("alice", "32"), new("alice", "64")] },
            "--stake alice is given twice" },
        { "a hosted validator not in the genesis", new ClusterNodeOptions { Pos = true, GenesisTime = Recent, Stakes = [new("alice", "32")], Validators = ["bob"] },
            "--validator bob: not a genesis validator" },
        { "--pos and --pow", new ClusterNodeOptions { Pos = true, Pow = true }, "--pos and --pow exclude each other" },
        { "--merge-at with --pos", new ClusterNodeOptions { Pos = true, GenesisTime = Recent, Stakes = [new("alice", "32")], MergeAt = 40 },
            "--merge-at is for a PoW chain that merges later" },
        { "a seed node that is not HOST:PORT", new ClusterNodeOptions { Id = 1, SeedNodes = ["nowhere"] }, "--seed-node must be HOST:PORT" },
        { "a missing config file", new ClusterNodeOptions { ConfigFile = "/nonexistent/c.hocon" }, "--config: no such file" },
    };

    /// <summary>A genesis time in milliseconds, fixed (the checks only need it after 1973).</summary>
    private const long Recent = 1_767_225_600_000;

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_exits_2_in_one_line_naming_it(string what, ClusterNodeOptions options, string expected)
    {
        var (code, _, err) = Run(options);
        code.Should().Be(2, what);
        err.Should().StartWith("actorchain: node: ", what).And.Contain(expected, what);
        err.TrimEnd().Should().NotContain("\n", "one line for {0}", what);
    }
}
