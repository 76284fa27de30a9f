using Microsoft.Playwright;

namespace ActorChain.Dashboard.Tests;

/// <summary>
/// Debian's headless Chromium (<c>/usr/bin/chromium</c>) driven by Playwright for .NET (its bundled driver; never
/// <c>playwright install</c>, which downloads). The tests skip with a clear message when the browser is absent or
/// <c>ACTORCHAIN_SKIP_BROWSER=1</c>.
/// </summary>
internal static class Chromium
{
    /// <summary>Where Debian's <c>chromium</c> package puts the browser (<c>.ci/run</c> installs it).</summary>
    public const string Path = "/usr/bin/chromium";

    /// <summary>Set to 1 to skip the browser tests.</summary>
    public const string SkipVariable = "ACTORCHAIN_SKIP_BROWSER";

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public static string? WhyNot =>
        Environment.GetEnvironmentVariable(SkipVariable) == "1" ? $"{SkipVariable}=1: the browser tests are skipped"
        : !File.Exists(Path) ? $"no browser at {Path}: install Debian's chromium (apt-get install -y chromium, as .ci/run does) to run the dashboard's browser tests"
        : null;

    /// <summary>The flags the browser runs with: headless, no sandbox (root in a container), nothing that reaches the network.</summary>
    public static readonly string[] Args =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <summary>Launches the browser.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = Args,
            Timeout = 30_000,
        });
        return (playwright, browser);
    }

    /// <summary>Saves a full-page screenshot as a test artefact (<c>artifacts/dashboard-NAME.png</c> beside the tests) and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var dir = System.IO.Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        var file = System.IO.Path.Combine(dir, $"dashboard-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        return file;
    }
}
