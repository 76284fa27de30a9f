using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ActorChain.Dashboard.Tests;

/// <summary>
/// An <c>actorchain run</c> process serving the dashboard on a loopback port (<c>run --pos --http-port 0 --no-view</c>,
/// or a scenario of the repository's <c>scenarios/</c>). It runs the CLI this test assembly was built with
/// (actorchain.dll beside the tests); a process that does not print its address within the bound fails the test.
/// <see cref="Restart"/> stops it and starts it again on the same HTTP port (a new run).
/// </summary>
internal sealed partial class ServedDashboard : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorchain-dashboard-").FullName;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private Process? _process;

    private readonly string? _scenario;

    private ServedDashboard(string? scenario) => _scenario = scenario;

    /// <summary>The HTTP port the page is served on.</summary>
    public int HttpPort { get; private set; }

    /// <summary>The page's address.</summary>
    public string Url => $"http://127.0.0.1:{HttpPort}/";

    /// <summary>What the process printed so far (stdout and stderr), for a failure's message.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
                return _output.ToString();
        }
    }

    /// <summary>
    /// Starts <c>run</c> (the default proof-of-stake run, or <paramref name="scenario"/>: a file name under the
    /// repository's <c>scenarios/</c>) and waits (bounded) until it prints its HTTP address.
    /// </summary>
    public static ServedDashboard Start(TimeSpan timeout, string? scenario = null)
    {
        var served = new ServedDashboard(scenario is null ? null : ScenarioPath(scenario));
        served.Launch(timeout);
        return served;
    }

    /// <summary>Stops the process (the page loses its node).</summary>
    public void Stop()
    {
        if (_process is null) return;
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // exited already
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts the process again on the same HTTP port (a new run).</summary>
    public void Restart(TimeSpan timeout)
    {
        Stop();
        Launch(timeout);
    }

    private void Launch(TimeSpan timeout)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "actorchain.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _dir,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in RunArgs())
            start.ArgumentList.Add(a);
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var p = Process.Start(start) ?? throw new InvalidOperationException("could not start actorchain");
        void Line(string? line)
        {
            if (line is null) return;
            lock (_gate)
                _output.AppendLine(line);
            var m = AddressLine().Match(line);
            if (m.Success) ready.TrySetResult(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        p.OutputDataReceived += (_, e) => Line(e.Data);
        p.ErrorDataReceived += (_, e) => Line(e.Data);
        p.EnableRaisingEvents = true;
        p.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("actorchain exited before serving:\n" + Output));
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _process = p;
        if (!ready.Task.Wait(timeout))
            throw new TimeoutException($"actorchain did not print its HTTP address within {timeout}:\n{Output}");
        HttpPort = ready.Task.Result;
    }

    private string[] RunArgs() => _scenario is null
        ? ["run", "--pos", "--http-port", HttpPort.ToString(CultureInfo.InvariantCulture), "--no-view", "--tx-rate", "0"]
        : ["run", _scenario, "--http-port", HttpPort.ToString(CultureInfo.InvariantCulture), "--no-view"];

    /// <summary>The repository's <c>scenarios/NAME</c>, found upwards from the test assembly.</summary>
    private static string ScenarioPath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "scenarios", name);
            if (File.Exists(path))
                return path;
        }
        throw new FileNotFoundException($"scenarios/{name} is not above {AppContext.BaseDirectory}");
    }

    /// <summary><c>dashboard: http://127.0.0.1:PORT/</c>, as <c>run</c> prints it.</summary>
    [GeneratedRegex(@"dashboard: +http://127\.0\.0\.1:(\d+)")]
    private static partial Regex AddressLine();

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a dying process: the temp dir is left behind
        }
    }
}
