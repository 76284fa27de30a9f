using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;

namespace ActorChain.Core.Tests.Crypto;

/// <summary>Keys are shared between threads (the key memo, a node's validators): concurrent use gives the single-threaded results.</summary>
public sealed class SigningConcurrencyTests
{
    private const int KeyCount = 12;
    private const int Messages = 8;
    private const int Threads = 4;

    private static List<string> Work(SigningKey[] keys, bool alsoVerify)
    {
        var output = new List<string>();
        foreach (var key in keys)
        {
            output.Add(key.PublicKey.ToString());
            for (var m = 0; m < Messages; m++)
            {
                var root = Sha256.Hash([(byte)m, 1, 2, 3]);
                var sig = key.Sign(Domain.Attester, root);
                output.Add(sig.ToString());
                if (alsoVerify)
                {
                    output.Add(Signatures.Verify(key.PublicKey, Domain.Attester, root, sig) ? "ok" : "bad");
                }
            }
        }

        return output;
    }

    [Fact]
    public async Task Signs_and_verifies_the_same_from_several_threads_as_from_one()
    {
        var keys = Enumerable.Range(0, KeyCount).Select(k => Keys.FromName("concurrency", $"v{k}")).ToArray();
        var expected = Work(keys, alsoVerify: true);

        var tasks = Enumerable.Range(0, Threads)
            .Select(_ => Task.Run(() => Work(keys, alsoVerify: true)))
            .Append(Task.Run(() => Work(Enumerable.Range(0, KeyCount).Select(k => Keys.FromName("concurrency", $"v{k}")).ToArray(), alsoVerify: true)));
        var results = await Task.WhenAll(tasks);

        results.Should().AllSatisfy(r => r.Should().Equal(expected));
        expected.Should().NotContain("bad");
    }
}
