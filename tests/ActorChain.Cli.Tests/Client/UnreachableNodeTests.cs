namespace ActorChain.Cli.Tests.Client;

/// <summary>Every client command says in one line, with exit 1, that nothing answers at the node's address.</summary>
public sealed class UnreachableNodeTests
{
    [Theory]
    [InlineData("status")]
    [InlineData("status", "--json")]
    [InlineData("merge", "--at-height", "5")]
    [InlineData("tx", "send", "--from", "alice", "--to", "bob", "--amount", "1")]
    [InlineData("tx", "send", "--from", "alice", "--to", "bob", "--amount", "1", "--nonce", "0")]
    [InlineData("inject", "heal")]
    public async Task Says_connection_refused_in_one_line(params string[] args)
    {
        var closed = FakeNode.ClosedAddress();
        var (code, stdout, stderr) = await Cli.RunAsync([.. args, "--node", closed]);
        code.Should().Be(1);
        stdout.Should().BeEmpty();
        Cli.OneLine(stderr).Should().Be($"actorchain: cannot reach node at {closed}: connection refused");
    }
}
