using System.Text.Json.Nodes;
using ActorChain.Cli.Commands;
using ActorChain.Core.Codec;
using ActorChain.Core.Crypto;
using ActorChain.Core.Pos.Protection;
using ActorChain.Node.Storage;

namespace ActorChain.Cli.Tests;

/// <summary><c>slashing-protection export|import</c>: EIP-3076 round trip, the maximum kept, bad files and dirs in one line, exit 2.</summary>
public sealed class SlashingProtectionCommandTests : IDisposable
{
    private static readonly Hash32 Root = Hash32.FromHex(new string('a', 64));
    private static readonly string[] Names = ["v0", "v1", "v2"];
    private readonly DirectoryInfo _tmp = Directory.CreateTempSubdirectory("actorchain-protection-");

    public void Dispose() => _tmp.Delete(recursive: true);

    private static PubKey Key(string name) => Keys.FromName("test-seed", name).PublicKey;

    private string Path(string name) => System.IO.Path.Combine(_tmp.FullName, name);

    private string DataDir(string name, Hash32? root = null, params (string Name, SlashingProtectionRecord Record)[] records)
    {
        var dir = Path(name);
        using var stores = NodeStores.OpenDataDir(dir, "genesis-digest");
        if (root is { } r)
            SlashingInterchange.RecordPosGenesis(stores.Chain, r, Names.Select(n => (n, Key(n))));
        foreach (var (n, rec) in records)
            stores.Protection.Save(n, rec);
        return dir;
    }

    private static (int Code, string Out, string Err) Run(Func<TextWriter, TextWriter, int> command)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = command(stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static SlashingProtectionRecord? Load(string dir, string name)
    {
        using var stores = NodeStores.OpenExisting(dir);
        return stores.Protection.Load(name);
    }

    [Fact]
    public void Exports_the_minimal_format_and_imports_it_into_another_data_dir()
    {
        var source = DataDir("a", Root, ("v0", new SlashingProtectionRecord(17, 2, 3)),
            ("v1", new SlashingProtectionRecord(SlashingProtectionRecord.None, 0, 1)));
        var file = Path("out.json");

        var (code, stdout, stderr) = Run((o, e) => SlashingProtectionCommand.Export(source, file, o, e));
        code.Should().Be(0, stderr);
        stdout.Should().Contain("2 validator(s)");
        var doc = JsonNode.Parse(File.ReadAllText(file))!;
        doc["metadata"]!["interchange_format_version"]!.GetValue<string>().Should().Be("5");
        doc["metadata"]!["genesis_validators_root"]!.GetValue<string>().Should().Be("0x" + new string('a', 64));
        var v0 = doc["data"]![0]!;
        v0["pubkey"]!.GetValue<string>().Should().Be("0x" + Key("v0"));
        v0["signed_blocks"]![0]!["slot"]!.GetValue<string>().Should().Be("17");
        v0["signed_attestations"]![0]!["source_epoch"]!.GetValue<string>().Should().Be("2");
        v0["signed_attestations"]![0]!["target_epoch"]!.GetValue<string>().Should().Be("3");
        doc["data"]![1]!["signed_blocks"]!.AsArray().Should().BeEmpty();

        var target = DataDir("b", Root, ("v0", new SlashingProtectionRecord(20, 1, 2)));
        (code, _, stderr) = Run((o, e) => SlashingProtectionCommand.Import(target, file, o, e));
        code.Should().Be(0, stderr);
        Load(target, "v0").Should().Be(new SlashingProtectionRecord(20, 2, 3), "the maximum of each field is kept");
        Load(target, "v1").Should().Be(new SlashingProtectionRecord(SlashingProtectionRecord.None, 0, 1));
        Load(target, "v2").Should().BeNull();
    }

    [Fact]
    public void Imports_every_signed_entry_of_a_full_file_as_its_maximum()
    {
        var target = DataDir("b", Root);
        var file = Path("in.json");
        File.WriteAllText(file, $$"""
            {"metadata": {"interchange_format_version": "5", "genesis_validators_root": "0x{{new string('a', 64)}}"},
             "data": [{"pubkey": "0x{{Key("v2")}}",
                       "signed_blocks": [{"slot": "9", "signing_root": "0x00"}, {"slot": "4"}],
                       "signed_attestations": [{"source_epoch": "1", "target_epoch": "5"}, {"source_epoch": "3", "target_epoch": "4"}]}]}
            """);

        var (code, _, stderr) = Run((o, e) => SlashingProtectionCommand.Import(target, file, o, e));

        code.Should().Be(0, stderr);
        Load(target, "v2").Should().Be(new SlashingProtectionRecord(9, 3, 5));
    }

    [Theory]
    [InlineData("not json", "*in.json: not JSON: *")]
    [InlineData("""{"data": []}""", "*in.json: metadata is missing")]
    [InlineData("""{"metadata": {"interchange_format_version": "4", "genesis_validators_root": "0x00"}, "data": []}""", "*interchange_format_version is \"4\"; only \"5\" is read")]
    [InlineData("""{"metadata": {"interchange_format_version": "5", "genesis_validators_root": "0x00"}, "data": []}""", "*genesis_validators_root is not 0x and 32 bytes of hex: 0x00")]
    [InlineData("""{"metadata": {"interchange_format_version": "5", "genesis_validators_root": "0xROOT"}, "data": [{"pubkey": "0x12"}]}""", "*data[0].pubkey is not 0x and a 32-byte Ed25519 key: 0x12")]
    [InlineData("""{"metadata": {"interchange_format_version": "5", "genesis_validators_root": "0xROOT"}, "data": [{"pubkey": "0xV0", "signed_blocks": [{"slot": "-1"}]}]}""", "*data[0].signed_blocks[0].slot is not a number below 2^63: -1")]
    [InlineData("""{"metadata": {"interchange_format_version": "5", "genesis_validators_root": "0xROOT"}, "data": [{"pubkey": "0xV0", "signed_attestations": [{"source_epoch": "3", "target_epoch": "2"}]}]}""", "*source_epoch 3 is after target_epoch 2")]
    public void Refuses_a_bad_file_in_one_line_and_writes_nothing(string body, string message)
    {
        var target = DataDir("b", Root, ("v0", new SlashingProtectionRecord(1, 1, 1)));
        var file = Path("in.json");
        File.WriteAllText(file, body.Replace("ROOT", new string('a', 64), StringComparison.Ordinal)
            .Replace("V0", Key("v0").ToString(), StringComparison.Ordinal));

        var (code, _, stderr) = Run((o, e) => SlashingProtectionCommand.Import(target, file, o, e));

        code.Should().Be(Program.BadInput);
        stderr.TrimEnd().Should().Match("actorchain slashing-protection import: " + message).And.NotContain("\n");
        Load(target, "v0").Should().Be(new SlashingProtectionRecord(1, 1, 1));
    }

    [Fact]
    public void Refuses_a_file_of_another_chain_or_an_unknown_key()
    {
        var other = DataDir("a", Hash32.FromHex(new string('b', 64)), ("v0", new SlashingProtectionRecord(5, 1, 2)));
        var file = Path("other.json");
        Run((o, e) => SlashingProtectionCommand.Export(other, file, o, e)).Code.Should().Be(0);
        var target = DataDir("b", Root);

        var (code, _, stderr) = Run((o, e) => SlashingProtectionCommand.Import(target, file, o, e));
        code.Should().Be(Program.BadInput);
        stderr.Should().Contain($"{file} is for genesis_validators_root 0x{new string('b', 64)}, this data dir's chain has 0x{new string('a', 64)}");

        File.WriteAllText(file, File.ReadAllText(file).Replace(new string('b', 64), new string('a', 64), StringComparison.Ordinal)
            .Replace(Key("v0").ToString(), new string('c', 64), StringComparison.Ordinal));
        (code, _, stderr) = Run((o, e) => SlashingProtectionCommand.Import(target, file, o, e));
        code.Should().Be(Program.BadInput);
        stderr.Should().Contain($"data[0].pubkey 0x{new string('c', 64)} is not a validator of this chain");
    }

    [Fact]
    public void Refuses_a_missing_dir_a_dir_in_use_a_missing_file_and_a_chain_before_the_merge()
    {
        var file = Path("x.json");
        Run((o, e) => SlashingProtectionCommand.Export(Path("absent"), file, o, e)).Err
            .Should().Be($"actorchain slashing-protection export: data dir {Path("absent")} does not exist\n");
        Directory.Exists(Path("absent")).Should().BeFalse();

        // A dir that exists but holds no node data (e.g. /tmp): refused in one line, and nothing is created in it.
        var empty = Directory.CreateDirectory(Path("empty")).FullName;
        var (emptyCode, _, emptyErr) = Run((o, e) => SlashingProtectionCommand.Export(empty, file, o, e));
        emptyCode.Should().Be(Program.BadInput);
        emptyErr.Should().Be($"actorchain slashing-protection export: no node data in {empty}\n");
        Directory.EnumerateFileSystemEntries(empty).Should().BeEmpty();

        var premerge = DataDir("pre");
        Run((o, e) => SlashingProtectionCommand.Export(premerge, file, o, e)).Err
            .Should().Contain($"data dir {premerge} has no proof-of-stake genesis yet");
        Run((o, e) => SlashingProtectionCommand.Import(premerge, Path("none.json"), o, e)).Err
            .Should().Contain("none.json: no such file");

        var running = DataDir("run", Root);
        using var node = NodeStores.OpenDataDir(running, "genesis-digest");
        var (code, _, stderr) = Run((o, e) => SlashingProtectionCommand.Export(running, file, o, e));
        code.Should().Be(Program.BadInput);
        stderr.Should().StartWith($"actorchain slashing-protection export: data dir {running} is in use by another process");
    }

    [Fact]
    public void Is_a_command_of_the_cli()
    {
        var parse = Program.BuildRoot().Parse(["slashing-protection", "export", "--data-dir", "d", "f.json"]);
        parse.Errors.Should().BeEmpty();
        Program.BuildRoot().Parse(["slashing-protection", "import", "f.json"]).Errors.Should().NotBeEmpty("--data-dir is required");
    }
}
