using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using ActorChain.Core.Codec;
using ActorChain.Core.Conformance.Golden;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pow;
using CsCheck;

namespace ActorChain.Core.Tests.Pow;

public sealed class PowHasherTests
{
    private static readonly PowHeader Template = new(42, Sha256.Hash([4]), 1_000_000, Targets.ForExpectedWork(64),
        Sha256.Hash([5]), TestKeys.Miner1.Address, 0);

    [Fact]
    public void Hashes_exactly_like_the_header_for_many_nonces()
    {
        var hasher = new PowHasher(Template);
        for (ulong nonce = 0; nonce < 2_000; nonce++)
        {
            hasher.Hash(nonce).Should().Be(Template.WithNonce(nonce).PowHash());
        }

        foreach (var nonce in new[] { ulong.MaxValue, 1UL << 63, (ulong)long.MaxValue, 0x0102030405060708UL })
        {
            hasher.Hash(nonce).Should().Be(Template.WithNonce(nonce).PowHash());
        }
    }

    [Fact]
    public void Agrees_with_two_bcl_sha256_calls_on_any_header()
    {
        Gen.Byte.Array[PowHeader.EncodedLength].Sample(encoded =>
        {
            PowHeader.TryDecode(encoded, out var header, out _).Should().BeTrue();
            var expected = SHA256.HashData(SHA256.HashData(encoded));
            Span<byte> actual = stackalloc byte[Hash32.Width];
            new PowHasher(header!).Hash(header!.Nonce, actual);
            actual.ToArray().Should().Equal(expected);
        }, iter: 300);
    }

    [Fact]
    public void Compresses_like_sha256_on_the_fips_vector()
    {
        // SHA-256("abc"), FIPS 180-4 appendix B.1: one padded block.
        var block = new byte[64];
        "abc"u8.CopyTo(block);
        block[3] = 0x80;
        block[63] = 24;
        Span<uint> w = stackalloc uint[Sha256Compression.ScheduleWords];
        Span<uint> state = stackalloc uint[Sha256Compression.StateWords];
        Sha256Compression.InitialState.CopyTo(state);
        Sha256Compression.LoadBlock(block, w);

        Sha256Compression.Compress(state, w);

        var digest = new byte[32];
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(4 * i), state[i]);
        }

        Convert.ToHexStringLower(digest).Should().Be("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    [Fact]
    public void Ignores_the_templates_own_nonce()
    {
        new PowHasher(Template.WithNonce(99)).Hash(3).Should().Be(new PowHasher(Template).Hash(3));
    }

    [Fact]
    public void Finds_the_first_nonce_that_meets_the_target()
    {
        var found = new PowHasher(Template).Search(0, 100_000);

        found.Should().NotBeNull();
        var nonce = found!.Value;
        Targets.Meets(Template.WithNonce(nonce).PowHash(), Template.Target).Should().BeTrue();
        for (ulong n = 0; n < nonce; n++)
        {
            Targets.Meets(Template.WithNonce(n).PowHash(), Template.Target).Should().BeFalse($"nonce {n} comes first");
        }
    }

    [Fact]
    public void Resumes_a_search_where_the_last_stopped()
    {
        var hasher = new PowHasher(Template);
        var first = hasher.Search(0, 100_000)!.Value;
        var second = hasher.Search(first + 1, 100_000)!.Value;

        second.Should().BeGreaterThan(first);
        hasher.Search(first + 1, second - first - 1).Should().BeNull();
        hasher.Search(first, 1).Should().Be(first);
    }

    [Fact]
    public void Finds_nothing_for_an_impossible_target()
    {
        var hard = new PowHeader(1, Hash32.Zero, 0, Targets.MinTarget, Hash32.Zero, TestKeys.Miner1.Address, 0);
        new PowHasher(hard).Search(0, 5_000).Should().BeNull();
        new PowHasher(hard).Search(0, 0).Should().BeNull();
    }

    [Fact]
    public void Agrees_with_targets_meets()
    {
        var hasher = new PowHasher(Template);
        for (ulong nonce = 0; nonce < 500; nonce++)
        {
            hasher.MeetsTarget(nonce).Should().Be(Targets.Meets(hasher.Hash(nonce), Template.Target));
        }
    }

    [Fact]
    public void Wraps_around_the_unsigned_nonce_range()
    {
        var hasher = new PowHasher(Template with { Target = Targets.ForExpectedWork(2) });
        ulong[] window = [ulong.MaxValue - 1, ulong.MaxValue, 0, 1, 2, 3, 4, 5];
        var expected = window.Cast<ulong?>().FirstOrDefault(n => hasher.MeetsTarget(n!.Value));

        expected.Should().NotBeNull();
        hasher.Search(ulong.MaxValue - 1, (ulong)window.Length).Should().Be(expected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(1 << 16)]
    public void Agrees_with_targets_meets_across_targets(int expectedWork)
    {
        var template = Template with { Target = Targets.ForExpectedWork(expectedWork) };
        var hasher = new PowHasher(template);
        for (ulong nonce = 0; nonce < 300; nonce++)
        {
            hasher.MeetsTarget(nonce).Should().Be(Targets.Meets(hasher.Hash(nonce), template.Target), $"nonce {nonce}");
        }
    }

    [Fact]
    public void Searches_in_simd_lanes_exactly_as_one_nonce_at_a_time()
    {
        Gen.Select(Gen.Int[1, 40], Gen.OneOf(Gen.ULong, Gen.ULong[ulong.MaxValue - 64, ulong.MaxValue]), Gen.ULong[0, 90])
            .Sample((work, start, count) =>
            {
                var hasher = new PowHasher(Template with { Target = Targets.ForExpectedWork(work) });
                hasher.Search(start, count).Should().Be(hasher.SearchScalar(start, count));
            }, iter: 200);
    }

    [SkippableFact]
    public void Gives_the_golden_pow_hashes_through_both_hashers()
    {
        var file = SharedFiles.Require(Path.Combine("golden", "pow", "cases.jsonl"));
        var checkedCases = 0;
        foreach (var line in File.ReadLines(file))
        {
            using var doc = JsonDocument.Parse(line);
            var input = doc.RootElement.GetProperty("input");
            if (input.GetProperty("fn").GetString() != "powHash")
            {
                continue;
            }

            var h = input.GetProperty("header");
            var header = new PowHeader(GoldenJson.U64(h.GetProperty("height")), Hash32.FromHex(h.GetProperty("parentHash").GetString()!),
                GoldenJson.U64(h.GetProperty("timestamp")), Hash32.FromHex(h.GetProperty("target").GetString()!),
                Hash32.FromHex(h.GetProperty("txRoot").GetString()!), Address.FromHex(h.GetProperty("miner").GetString()!),
                GoldenJson.U64(h.GetProperty("nonce")));
            var output = doc.RootElement.GetProperty("output");
            var expected = Hash32.FromHex(output.GetProperty("powHash").GetString()!);
            var hasher = new PowHasher(header);

            header.PowHash().Should().Be(expected);
            hasher.Hash(header.Nonce).Should().Be(expected);
            hasher.MeetsTarget(header.Nonce).Should().Be(output.GetProperty("meetsTarget").GetBoolean());
            hasher.Search(header.Nonce, 1).HasValue.Should().Be(output.GetProperty("meetsTarget").GetBoolean());
            checkedCases++;
        }

        checkedCases.Should().Be(30);
    }
}
