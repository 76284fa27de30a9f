using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace ActorChain.Dashboard.Tests;

/// <summary>
/// An <c>actorchain</c> process serving the dashboard on a loopback port: <c>run --pos --http-port P --no-view</c>
/// when this build's <c>run</c> has <c>--http-port</c>, else one proof-of-stake cluster node (<c>node --pos</c>, its
/// own seed, six validators). It runs the CLI this test assembly was built with (actorchain.dll beside the tests).
/// <see cref="Restart"/> stops it and starts it again on the same ports (a node from its data dir).
/// </summary>
internal sealed partial class ServedDashboard : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorchain-dashboard-").FullName;
    private readonly long _genesis = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 3000;
    private readonly int _remotingPort = FreePort();
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private Process? _process;

    private ServedDashboard(bool run, int httpPort)
    {
        IsRun = run;
        HttpPort = httpPort;
    }

    /// <summary>True for <c>run</c> (several nodes in one process), false for one cluster node.</summary>
    public bool IsRun { get; }

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

    /// <summary>Starts the process and waits (bounded) until it prints its HTTP address.</summary>
    public static ServedDashboard Start(TimeSpan timeout)
    {
        var served = new ServedDashboard(RunHasHttpPort(), 0);
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

    /// <summary>Starts the process again on the same HTTP port (a node from its data dir).</summary>
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
        foreach (var a in IsRun ? RunArgs() : NodeArgs())
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

    private string[] RunArgs() =>
        ["run", "--pos", "--http-port", HttpPort.ToString(CultureInfo.InvariantCulture), "--no-view", "--tx-rate", "0"];

    private string[] NodeArgs()
    {
        var args = new List<string>
        {
            "node", "--pos", "--id", "1", "--port", _remotingPort.ToString(CultureInfo.InvariantCulture),
            "--seed-node", "127.0.0.1:" + _remotingPort.ToString(CultureInfo.InvariantCulture),
            "--http-port", HttpPort.ToString(CultureInfo.InvariantCulture), "--data-dir", Path.Combine(_dir, "data"),
            "--genesis-time", _genesis.ToString(CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < 6; i++)
            args.AddRange(["--stake", "v" + i, "32", "--validator", "v" + i]);
        return [.. args];
    }

    /// <summary>True when this build's <c>run</c> takes <c>--http-port</c> (the dashboard in <c>run</c>).</summary>
    private static bool RunHasHttpPort()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "actorchain.dll"));
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--help");
        using var p = Process.Start(start) ?? throw new InvalidOperationException("could not start actorchain");
        var help = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(30_000)) p.Kill(entireProcessTree: true);
        return help.Wait(5_000) && help.Result.Contains("--http-port", StringComparison.Ordinal);
    }

    /// <summary>A free loopback TCP port now.</summary>
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary><c>dashboard: http://127.0.0.1:PORT/</c> (run) or <c>http http://127.0.0.1:PORT</c> (node).</summary>
    [GeneratedRegex(@"(?:dashboard:|http) +http://127\.0\.0\.1:(\d+)")]
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
