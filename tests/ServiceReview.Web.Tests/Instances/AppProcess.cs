using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ServiceReview.Web.Tests.Instances;

/// <summary>
/// The built app (<c>src/ServiceReview.Web/bin/&lt;configuration&gt;/net10.0/ServiceReview.Web.dll</c>, the same
/// configuration as the tests) run as a process of its own: a command-line verb, or an instance serving HTTP on loopback.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, string name, Uri? address)
    {
        _process = process;
        Name = name;
        Address = address;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>Where an instance listens (null for a verb).</summary>
    public Uri? Address { get; }

    /// <summary>What the process wrote so far (stdout and stderr), for an assertion message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Runs a verb (<c>migrate</c>, <c>seed-demo</c>) to its end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunVerbAsync(string verb, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        await using var app = Start(verb, [verb], environment, address: null);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await app._process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            return (-1, $"'{verb}' did not finish within {timeout.TotalSeconds:0} s.\n{app.Output}");
        }

        return (app._process.ExitCode, app.Output);
    }

    /// <summary>Starts an instance on a free loopback port and waits until <c>/healthz</c> answers 200.</summary>
    public static async Task<AppProcess> StartInstanceAsync(string name, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var app = Start(name, ["--urls", address.ToString().TrimEnd('/')], environment, address);
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (app._process.HasExited)
            {
                var output = app.Output;
                await app.DisposeAsync();
                throw new InvalidOperationException($"Instance {name} exited with {app._process.ExitCode}:\n{output}");
            }

            try
            {
                using var health = await client.GetAsync("/healthz");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                var output = app.Output;
                await app.DisposeAsync();
                throw new InvalidOperationException($"Instance {name} was not healthy within {timeout.TotalSeconds:0} s:\n{output}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>A client of this instance that neither follows redirects nor keeps cookies (a <see cref="RoundRobinBrowser"/> does).</summary>
    public HttpClient CreateClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = Address ?? throw new InvalidOperationException("A verb has no address."),
            Timeout = TimeSpan.FromSeconds(60),
        };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>The repository's root folder (the one with ServiceReview.sln), found from the test's bin folder.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ServiceReview.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("ServiceReview.sln not found above " + AppContext.BaseDirectory);
    }

    private static AppProcess Start(string name, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, Uri? address)
    {
        // tests/ServiceReview.Web.Tests/bin/<configuration>/<tfm>/ → the app built in the same configuration.
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!.Name;
        var web = Path.Combine(RepositoryRoot(), "src", "ServiceReview.Web");
        var dll = Path.Combine(web, "bin", configuration, tfm.Name, "ServiceReview.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution ({configuration}) first.");
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = web, // the content root (views, wwwroot), as `dotnet run` has it
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        return new AppProcess(process, name, address);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
