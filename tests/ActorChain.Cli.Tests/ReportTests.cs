using System.Text.Json.Nodes;
using ActorChain.Cli.Commands;
using ActorChain.Simulation.Reports;

namespace ActorChain.Cli.Tests;

/// <summary><c>simulate --report/--csv</c> and <c>report DIR</c>: the SVG charts, the CSV tables, escaping, determinism, and the tally/forensics sections from fixture lines.</summary>
public sealed class ReportTests : IDisposable
{
    /// <summary>A small PoS run with a double vote (slashed) and an offline validator: every PoS section has content.</summary>
    internal const string Pos = """
        scenario {
          name = "rep"
          seed = 5
          preset = minimal
          consensus = pos
          stop { epochs = 6 }
          network { nodes = 2, latency { mean = 50ms, jitter = 10ms } }
          validators { count = 8, stake = 32 }
          faults = [ { at = "epoch 2", kind = double-vote, validator = v3 }, { at = "epoch 1", kind = offline, validator = v6, until = "epoch 3" } ]
          expect = [ { slashed = [v3] }, { finalized-epoch-at-least = 2 }, { head-agreement = true } ]
        }

        """;

    private readonly DirectoryInfo _tmp = Directory.CreateTempSubdirectory("actorchain-report-");

    public void Dispose() => _tmp.Delete(recursive: true);

    private string File(string name, string text)
    {
        var f = Path.Combine(_tmp.FullName, name);
        System.IO.File.WriteAllText(f, text);
        return f;
    }

    private (int Code, string Out, string Err) Simulate(string body, string outDir, bool report = true, bool csv = true, string? seeds = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = SimulateCommand.Run(File("s-" + Guid.CreateVersion7().ToString("N")[..8] + ".conf", body), null, outDir, trace: false, quiet: true,
            stdout, stderr, report: report, csv: csv, seeds: seeds);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Report_of_a_small_pos_run_has_its_charts_tables_and_no_script()
    {
        var dir = Path.Combine(_tmp.FullName, "out");
        var (code, stdout, stderr) = Simulate(Pos, dir);

        code.Should().Be(0, stderr);
        stdout.Should().Contain("report.html");
        var html = System.IO.File.ReadAllText(Path.Combine(dir, "report.html"));
        html.Should().StartWith("<!DOCTYPE html>").And.EndWith("</html>\n");
        html.Should().Contain("<svg class=\"chart lag\"").And.Contain("<svg class=\"chart participation\"")
            .And.Contain("<svg class=\"chart balances\"").And.Contain("<svg class=\"chart timeline\"");
        html.Should().Contain("data-name=\"node 0\"").And.Contain("data-name=\"node 1\"").And.Contain("data-name=\"v3\"").And.Contain("data-name=\"v6\"");
        html.Should().Contain("<polyline").And.Contain("class=\"span\"").And.Contain("class=\"mark\"");
        html.Should().Contain("Expectations: 3 of 3 passed").And.Contain("slashed = [v3]");
        html.Should().Contain("double-vote validator=v3").And.Contain("v3 slashed");
        html.Should().NotContain("<script").And.NotContain("src=").And.NotContain("href=").And.NotContain("@import").And.NotContain("wallSeconds");
        html.Should().Contain("id=\"tallies\"", "every epochs.jsonl line of a PoS run has its tally").And.Contain("slashed (1): v3");
        html.Should().NotContain("id=\"forensics\"");
        html.Should().NotContain("id=\"pow\"");
    }

    [Fact]
    public void Csv_tables_have_the_documented_columns_and_one_row_per_node_per_epoch()
    {
        var dir = Path.Combine(_tmp.FullName, "out");
        Simulate(Pos, dir, report: false).Code.Should().Be(0);

        var epochs = System.IO.File.ReadAllText(Path.Combine(dir, "epochs.csv")).Split("\r\n");
        epochs[0].Should().Be("node,epoch,justifiedEpoch,finalizedEpoch,finalityLag,targetStake,totalActiveStake,participation,inLeak,missing");
        epochs[^1].Should().BeEmpty("every record ends with CRLF");
        epochs.Skip(1).SkipLast(1).Should().HaveCount(2 * 6);
        var row = epochs.Single(l => l.StartsWith("1,1,", StringComparison.Ordinal)).Split(',');
        row.Should().HaveCount(10);
        (long.Parse(row[1]) - long.Parse(row[3])).Should().Be(long.Parse(row[4]), "lag = epoch − finalized epoch");
        row[6].Should().Be("256000000000");
        row[8].Should().Be("false");
        System.IO.File.Exists(Path.Combine(dir, "report.html")).Should().BeFalse();

        var validators = System.IO.File.ReadAllText(Path.Combine(dir, "validators.csv")).Split("\r\n");
        validators[0].Should().Be("index,name,nodes,stake,balance,effectiveBalance,status,slashed,faults");
        validators.Skip(1).SkipLast(1).Should().HaveCount(8);
        validators.Should().Contain(l => l.StartsWith("3,v3,", StringComparison.Ordinal) && l.Contains(",32000000000,", StringComparison.Ordinal)
            && l.EndsWith(",slashed,true,double-vote", StringComparison.Ordinal));
        validators.Should().Contain(l => l.StartsWith("6,v6,", StringComparison.Ordinal) && l.EndsWith(",active,false,offline", StringComparison.Ordinal));
    }

    [Fact]
    public void Csv_fields_are_quoted_as_rfc_4180_says()
    {
        CsvTables.Field("plain").Should().Be("plain");
        CsvTables.Field("a,b").Should().Be("\"a,b\"");
        CsvTables.Field("say \"hi\"").Should().Be("\"say \"\"hi\"\"\"");
        CsvTables.Field("two\nlines").Should().Be("\"two\nlines\"");
        CsvTables.Field(null).Should().BeEmpty();
    }

    [Fact]
    public void Report_is_byte_identical_for_the_same_outputs_and_for_a_rerun()
    {
        var a = Path.Combine(_tmp.FullName, "a");
        var b = Path.Combine(_tmp.FullName, "b");
        Simulate(Pos, a).Code.Should().Be(0);
        Simulate(Pos, b).Code.Should().Be(0);
        var first = System.IO.File.ReadAllBytes(Path.Combine(a, "report.html"));

        using var o = new StringWriter();
        using var e = new StringWriter();
        ReportCommand.Run(a, csv: false, o, e).Should().Be(0, e.ToString());
        System.IO.File.ReadAllBytes(Path.Combine(a, "report.html")).Should().Equal(first);
        System.IO.File.ReadAllBytes(Path.Combine(b, "report.html")).Should().Equal(first, "wallSeconds differs between runs, and the report leaves it out");
    }

    [Fact]
    public void Report_shows_tally_and_forensics_from_fixture_lines_and_escapes_every_text()
    {
        var dir = Path.Combine(_tmp.FullName, "out");
        Simulate(Pos, dir, report: false, csv: false).Code.Should().Be(0);
        var summaryPath = Path.Combine(dir, "summary.json");
        var summary = JsonNode.Parse(System.IO.File.ReadAllText(summaryPath))!.AsObject();
        summary["scenario"] = "<script>alert('x')</script>&";
        summary["forensics"] = JsonNode.Parse("""
            {"conflicts": [{"first": {"epoch": 5, "root": "aa11", "nodes": [0]}, "second": {"epoch": 6, "root": "bb22", "nodes": [1]}}],
             "slashable": [{"name": "v1<b>", "index": 1, "stake": 32000000000,
                            "evidence": [{"kind": "double_vote", "first": {"slot": 40}, "second": {"slot": 41}, "foundBy": [0, 1]}]}],
             "slashableStake": 96000000000, "totalStake": 256000000000, "stakeShare": 0.375, "reachesOneThird": true}
            """);
        System.IO.File.WriteAllText(summaryPath, summary.ToJsonString());
        var epochsPath = Path.Combine(dir, "epochs.jsonl");
        var lines = System.IO.File.ReadAllLines(epochsPath).Select(l =>
        {
            var o = JsonNode.Parse(l)!.AsObject();
            var epoch = o["epoch"]!.GetValue<long>();
            o["tally"] = epoch == 0 ? null : JsonNode.Parse($$"""
                {"epoch": {{epoch - 1}}, "root": "cc33", "targetStake": 192000000000, "totalActiveStake": 256000000000,
                 "needed": 170666666667, "justified": true,
                 "missing": [{"index": 6, "name": "v6", "stake": 32000000000, "reason": "offline"},
                             {"index": 2, "name": "v2", "stake": 32000000000, "reason": "late"}]}
                """);
            return o.ToJsonString();
        });
        System.IO.File.WriteAllLines(epochsPath, lines);

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        ReportCommand.Run(dir, csv: true, stdout, stderr).Should().Be(0, stderr.ToString());
        var html = System.IO.File.ReadAllText(Path.Combine(dir, "report.html"));

        html.Should().NotContain("<script>").And.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;");
        html.Should().Contain("id=\"forensics\"").And.Contain("v1&lt;b&gt;").And.Contain("37.5 %").And.Contain("at least one third")
            .And.Contain("double_vote found by nodes 0, 1</summary>");
        html.Should().Contain("id=\"tallies\"").And.Contain("offline (1): v6").And.Contain("late (1): v2").And.Contain("<details open><summary>node 0</summary>");
        var csv = System.IO.File.ReadAllText(Path.Combine(dir, "epochs.csv")).Split("\r\n");
        csv.Should().Contain(l => l.StartsWith("0,3,", StringComparison.Ordinal) && l.EndsWith(",192000000000,256000000000,0.7500,false,2", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_of_a_pow_run_shows_forks_and_miners()
    {
        var dir = Path.Combine(_tmp.FullName, "pow");
        var (code, _, stderr) = Simulate("""
            scenario {
              name = p
              seed = 3
              consensus = pow
              stop { height = 40 }
              network { nodes = 3, latency { mean = 400ms, jitter = 100ms } }
              miners = [ { node = 0, hashrate = 1000 }, { node = 2, hashrate = 2000 } ]
            }

            """, dir);
        code.Should().Be(0, stderr);
        var html = System.IO.File.ReadAllText(Path.Combine(dir, "report.html"));
        html.Should().Contain("id=\"pow\"").And.Contain("blocks mined").And.Contain("<svg class=\"chart bars\"").And.Contain("miner-1");
        html.Should().NotContain("id=\"finality\"");
        System.IO.File.Exists(Path.Combine(dir, "epochs.csv")).Should().BeFalse("a pow run has no epochs");
        System.IO.File.ReadAllText(Path.Combine(dir, "validators.csv")).Should().Be("index,name,nodes,stake,balance,effectiveBalance,status,slashed,faults\r\n");
    }

    [Fact]
    public void Report_of_a_folder_without_outputs_is_one_line_and_exit_2()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        ReportCommand.Run(Path.Combine(_tmp.FullName, "nowhere"), false, stdout, stderr).Should().Be(2);
        stderr.ToString().Should().StartWith("actorchain: report: ").And.Contain("no summary.json");
        stderr.ToString().TrimEnd('\n').Should().NotContain("\n");
    }
}
