using Microsoft.Playwright;
using Xunit.Abstractions;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace ActorChain.Dashboard.Tests;

/// <summary>One served dashboard and one browser for the tests of <see cref="DashboardTests"/>; nothing when the browser tests skip.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>The process serving the page.</summary>
    internal ServedDashboard? Served { get; private set; }

    /// <summary>The Playwright driver.</summary>
    internal IPlaywright? Playwright { get; private set; }

    /// <summary>The headless browser.</summary>
    internal IBrowser? Browser { get; private set; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (Chromium.WhyNot is not null) return;
        Served = ServedDashboard.Start(TimeSpan.FromSeconds(60));
        (Playwright, Browser) = await Chromium.LaunchAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        Served?.Dispose();
    }
}

/// <summary>
/// The dashboard in headless Chromium against a live <c>run --pos</c>: the tree finalizes a
/// checkpoint, a double vote injected through the page's own fault form shows the validator as slashed, and a
/// screenshot of each is saved as a test artefact.
/// </summary>
public sealed class DashboardTests(DashboardFixture fixture, ITestOutputHelper output) : IClassFixture<DashboardFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(75);

    private async Task<IPage> OpenAsync()
    {
        var why = Chromium.WhyNot;
        Skip.If(why is not null, why);
        var page = await fixture.Browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout((float)Bound.TotalMilliseconds);
        page.PageError += (_, e) => output.WriteLine("page error: " + e);
        await page.GotoAsync(fixture.Served!.Url);
        return page;
    }

    /// <summary>The tree marks a checkpoint past genesis finalized within a bounded wait, with its tally and the nodes' heads; a screenshot is saved.</summary>
    [SkippableFact]
    public async Task The_tree_shows_a_finalized_checkpoint()
    {
        var page = await OpenAsync();
        try
        {
            // epoch 0's checkpoint (genesis) counts as finalized from the start: wait for a later one
            await page.Locator("#tree [data-checkpoint-status=finalized]:not([data-epoch='0'])").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
            (await page.Locator("#tree g.block").CountAsync()).Should().BeGreaterThan(0, "the tree draws blocks");
            (await page.Locator("#conn").GetAttributeAsync("data-state")).Should().Be("live");
            (await page.Locator("#tallies .tally[data-status=finalized]:not([data-epoch='0'])").CountAsync()).Should().BeGreaterThan(0, "a finalized checkpoint has its tally");
            (await page.Locator("#tree g.head").CountAsync()).Should().BeGreaterThan(0, "each node's head is marked");
            (await page.Locator("#conflict").IsHiddenAsync()).Should().BeTrue("an honest run has no conflicting finality");
            var shot = await Chromium.ScreenshotAsync(page, "finalized");
            output.WriteLine("screenshot: " + shot);
            new FileInfo(shot).Length.Should().BeGreaterThan(10_000);
        }
        catch (Exception) when (Note(fixture.Served!))
        {
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>A double vote injected with the page's own fault form gets v3 slashed in the validators table; the clear button ends the fault.</summary>
    [SkippableFact]
    public async Task A_double_vote_injected_through_the_page_shows_the_validator_slashed()
    {
        var page = await OpenAsync();
        try
        {
            await page.Locator("#validators tr[data-name=v3][data-status=active]").WaitForAsync();
            await page.SelectOptionAsync("#fault-kind", "double-vote");
            await page.FillAsync("#fault-validator", "v3");
            await page.ClickAsync("#fault-inject");
            await page.Locator("#fault-result.ok").WaitForAsync(new() { Timeout = 15_000 });
            (await page.Locator("#fault-result").InnerTextAsync()).Should().Contain("double-vote v3");
            await page.Locator("#validators tr[data-name=v3][data-status=slashed]").WaitForAsync();
            await page.Locator("#faults li[data-kind=double-vote]").WaitForAsync(new() { Timeout = 15_000 });
            var shot = await Chromium.ScreenshotAsync(page, "slashed");
            output.WriteLine("screenshot: " + shot);

            // the page's clear button ends the fault
            await page.ClickAsync("#faults li[data-kind=double-vote] button.clear");
            await page.Locator("#faults li[data-kind=double-vote]").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 15_000 });
        }
        catch (Exception) when (Note(fixture.Served!))
        {
            throw;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private bool Note(ServedDashboard served)
    {
        var text = served.Output;
        output.WriteLine("actorchain output (last 4000 characters):\n" + text[Math.Max(0, text.Length - 4000)..]);
        return false;
    }
}

/// <summary>The page says so when its node goes away, and recovers by itself when it is back on the same port.</summary>
public sealed class DashboardReconnectTests(ITestOutputHelper output)
{
    /// <summary>The banner shows while the process is down and the page is live again, by itself, once it is back on its port.</summary>
    [SkippableFact]
    public async Task The_page_reconnects_after_the_server_restarts()
    {
        var why = Chromium.WhyNot;
        Skip.If(why is not null, why);
        using var served = ServedDashboard.Start(TimeSpan.FromSeconds(60));
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync();
            page.SetDefaultTimeout(30_000);
            await page.GotoAsync(served.Url);
            await page.Locator("#conn[data-state=live]").WaitForAsync();
            (await page.Locator("#banner").IsHiddenAsync()).Should().BeTrue("the banner is hidden while the node answers");

            served.Stop();
            await page.Locator("#banner").WaitForAsync(new() { State = WaitForSelectorState.Visible });
            (await page.Locator("#conn").GetAttributeAsync("data-state")).Should().Be("reconnecting");
            output.WriteLine("screenshot: " + await Chromium.ScreenshotAsync(page, "reconnecting"));

            served.Restart(TimeSpan.FromSeconds(60));
            await page.Locator("#conn[data-state=live]").WaitForAsync(new() { Timeout = 45_000 });
            await page.Locator("#banner").WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 15_000 });
            await page.Locator("#tree g.block").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }
        catch (Exception)
        {
            var text = served.Output;
            output.WriteLine("actorchain output:\n" + text[Math.Max(0, text.Length - 4000)..]);
            throw;
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}

/// <summary>
/// The shipped <c>scenarios/accountable-safety.conf</c> served live (<c>run ... --http-port 0 --no-view</c>): its two
/// partitioned sides finalize conflicting checkpoints (about 50 s in), and the page's red panel names both, as the run's
/// own <c>conflicting_finality</c> event on <c>/api/events</c> does.
/// </summary>
public sealed class DashboardConflictTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    /// <summary>The red panel opens on the run's real conflicting finality and names the event's two checkpoints and their nodes.</summary>
    [SkippableFact]
    public async Task The_accountable_safety_run_shows_its_conflicting_finality()
    {
        var why = Chromium.WhyNot;
        Skip.If(why is not null, why);
        using var served = ServedDashboard.Start(TimeSpan.FromSeconds(60), "accountable-safety.conf");
        using var bound = new CancellationTokenSource(Bound);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan }; // bounded by `bound`
        using var stream = await http.GetAsync(served.Url + "api/events", HttpCompletionOption.ResponseHeadersRead, bound.Token);
        var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(bound.Token));
        var conflict = ConflictAsync(reader, bound.Token);
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            page.SetDefaultTimeout((float)Bound.TotalMilliseconds);
            page.PageError += (_, e) => output.WriteLine("page error: " + e);
            await page.GotoAsync(served.Url);
            await page.Locator("#conn[data-state=live]").WaitForAsync();
            await page.Locator("#conflict").WaitForAsync(new() { State = WaitForSelectorState.Visible });

            var e = await conflict;
            var text = await page.Locator("#conflict-list").InnerTextAsync();
            foreach (var side in new[] { e["first"]!, e["second"]! })
            {
                var nodes = string.Join(", ", side["nodes"]!.AsArray().Select(n => n!.GetValue<int>()));
                text.Should().Contain($"epoch {side["epoch"]!.GetValue<ulong>()} root {side["root"]!.GetValue<string>()[..8]}")
                    .And.Contain("by node" + (side["nodes"]!.AsArray().Count == 1 ? " " : "s ") + nodes);
            }
            var shot = await Chromium.ScreenshotAsync(page, "conflict");
            output.WriteLine("screenshot: " + shot);
        }
        catch (Exception) when (Note(served))
        {
            throw;
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
            reader.Dispose();
        }
    }

    /// <summary>The first <c>conflicting_finality</c> event of the run's stream.</summary>
    private static async Task<System.Text.Json.Nodes.JsonNode> ConflictAsync(StreamReader events, CancellationToken ct)
    {
        while (true)
        {
            var line = await events.ReadLineAsync(ct) ?? throw new InvalidOperationException("the run's event stream ended");
            if (line.StartsWith("data:", StringComparison.Ordinal) && line.Contains("\"conflicting_finality\"", StringComparison.Ordinal))
                return System.Text.Json.Nodes.JsonNode.Parse(line["data:".Length..])!;
        }
    }

    private bool Note(ServedDashboard served)
    {
        var text = served.Output;
        output.WriteLine("actorchain output (last 4000 characters):\n" + text[Math.Max(0, text.Length - 4000)..]);
        return false;
    }
}
