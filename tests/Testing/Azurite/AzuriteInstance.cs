using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Core.Pipeline;
using MedLedger.Clients.Pipeline;
using MedLedger.Clients.Storage;

namespace MedLedger.Testing.Azurite;

/// <summary>A running Azurite process from the repository's <c>node_modules</c>: in memory, on free loopback ports.</summary>
/// <remarks>
/// Started with <c>--inMemoryPersistence --skipApiVersionCheck --disableTelemetry --silent</c> and port 0 for each
/// service; the ports are read from the "successfully listening at" lines. <c>--loose</c> is not used: every header
/// the clients send is supported in strict mode, and strict mode catches a header Azure would not expect either.
/// A small node wrapper kills Azurite when this process's pipe to it closes, so a crashed test run leaves nothing
/// behind; <see cref="DisposeAsync"/> kills the whole process tree.
/// </remarks>
public sealed partial class AzuriteInstance : IAsyncDisposable
{
    // The wrapper: spawn Azurite, forward its output, kill it when stdin closes (our process died or disposed).
    private const string Watchdog =
        "const { spawn } = require('child_process');" +
        "const child = spawn(process.argv[1], process.argv.slice(2), { stdio: ['ignore', 'inherit', 'inherit'] });" +
        "const stop = () => { try { child.kill('SIGKILL'); } catch {} process.exit(0); };" +
        "process.stdin.on('end', stop); process.stdin.on('error', stop); process.stdin.resume();" +
        "child.on('exit', code => process.exit(code ?? 1));";

    private readonly Process _process;
    private readonly string _workDirectory;
    private readonly StringBuilder _output;
    private readonly X509Certificate2? _certificate;

    private AzuriteInstance(Process process, string workDirectory, StringBuilder output, X509Certificate2? certificate, Uri blob, Uri queue, Uri table)
    {
        _process = process;
        _workDirectory = workDirectory;
        _output = output;
        _certificate = certificate;
        BlobEndpoint = blob;
        QueueEndpoint = queue;
        TableEndpoint = table;
    }

    /// <summary>Gets the Blob endpoint including the account path segment.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>Gets the Queue endpoint including the account path segment.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>Gets the Table endpoint including the account path segment.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>Gets the full emulator connection string for these endpoints.</summary>
    public string ConnectionString => DevelopmentStorage.ConnectionString(BlobEndpoint, QueueEndpoint, TableEndpoint);

    /// <summary>Gets the shared-key connection to this instance.</summary>
    public StorageConnection Connection => StorageConnection.FromConnectionString(ConnectionString);

    /// <summary>Gets the process id of the Azurite wrapper (for diagnostics).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Gets what Azurite printed so far.</summary>
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

    /// <summary>Creates client options for this instance: trusts its certificate when it serves https.</summary>
    public StorageClientOptions CreateOptions()
    {
        var options = new StorageClientOptions();
        if (_certificate is not null)
        {
            options.Transport = CreateTransport();
        }

        return options;
    }

    /// <summary>Creates a transport that trusts exactly this instance's self-signed certificate (and nothing else new).</summary>
    public HttpPipelineTransport CreateTransport()
    {
        var handler = new HttpClientHandler();
        if (_certificate is { } trusted)
        {
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None
                || (certificate is not null && certificate.RawDataMemory.Span.SequenceEqual(trusted.RawDataMemory.Span));
        }

        return new HttpClientTransport(handler);
    }

    /// <summary>Starts Azurite and waits until every service answers.</summary>
    /// <exception cref="InvalidOperationException">Azurite is not installed (run <c>npm ci</c>), or did not start in time.</exception>
    public static async Task<AzuriteInstance> StartAsync(AzuriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AzuriteOptions();
        if (options.OAuth && !options.Https)
        {
            throw new ArgumentException("Azurite accepts OAuth only over https.", nameof(options));
        }

        var root = options.RepositoryRoot ?? RepositoryRoot.Find();
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({azurite} is missing). Run `npm ci` in {root} (scripts/test does this), then run the tests again.");
        }

        var work = Directory.CreateTempSubdirectory("medledger-azurite-").FullName;
        X509Certificate2? certificate = null;
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = work,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-e", Watchdog, azurite, "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent",
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", "0", "--queuePort", "0", "--tablePort", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        if (options.Https)
        {
            var certificatePath = Path.Combine(work, "cert.pem");
            var keyPath = Path.Combine(work, "key.pem");
            certificate = SelfSignedCertificate.Create(certificatePath, keyPath, TimeProvider.System);
            start.ArgumentList.Add("--cert");
            start.ArgumentList.Add(certificatePath);
            start.ArgumentList.Add("--key");
            start.ArgumentList.Add(keyPath);
        }

        if (options.OAuth)
        {
            start.ArgumentList.Add("--oauth");
            start.ArgumentList.Add("basic");
        }

        var output = new StringBuilder();
        var endpoints = new Dictionary<string, Uri>(StringComparer.Ordinal);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    endpoints[match.Groups["service"].Value] = new Uri(match.Groups["url"].Value.TrimEnd('/') + "/" + DevelopmentStorage.AccountName);
                    if (endpoints.Count == 3)
                    {
                        listening.TrySetResult();
                    }
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("Azurite exited before it listened."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        AzuriteInstance? instance = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.StartTimeout);
            await listening.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            instance = new AzuriteInstance(process, work, output, certificate, endpoints["Blob"], endpoints["Queue"], endpoints["Table"]);
            await instance.WaitUntilAnsweringAsync(timeout.Token).ConfigureAwait(false);
            return instance;
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or HttpRequestException)
        {
            string printed;
            lock (output)
            {
                printed = output.ToString();
            }

            if (instance is not null)
            {
                await instance.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                Stop(process);
                TryDelete(work);
            }

            throw new InvalidOperationException($"Azurite did not start within {options.StartTimeout}: {e.Message}\nOutput:\n{printed}", e);
        }
    }

    /// <summary>Stops Azurite (the whole process tree) and removes its working directory.</summary>
    public ValueTask DisposeAsync()
    {
        Stop(_process);
        _certificate?.Dispose();
        TryDelete(_workDirectory);
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient(CreateHandler()) { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var endpoint in new[] { BlobEndpoint, QueueEndpoint, TableEndpoint })
        {
            while (true)
            {
                try
                {
                    // Any HTTP answer (an unauthenticated request gets 403) proves the service is up.
                    using var response = await client.GetAsync(endpoint, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private HttpClientHandler CreateHandler()
    {
        var handler = new HttpClientHandler();
        if (_certificate is { } trusted)
        {
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.RawDataMemory.Span.SequenceEqual(trusted.RawDataMemory.Span);
        }

        return handler;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                var descendants = Descendants(process.Id);
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
                WaitUntilGone(descendants, TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    // Linux only (/proc): the wrapper's children and theirs, so disposal can wait until they are really gone.
    private static List<int> Descendants(int pid)
    {
        var result = new List<int>();
        var path = $"/proc/{pid}/task/{pid}/children";
        if (!File.Exists(path))
        {
            return result;
        }

        try
        {
            foreach (var child in File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
            {
                result.Add(child);
                result.AddRange(Descendants(child));
            }
        }
        catch (IOException)
        {
            // The process ended while we looked.
        }

        return result;
    }

    private static void WaitUntilGone(List<int> pids, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (pids.Any(IsAlive) && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.Sleep(20);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at (?<url>https?://\S+)")]
    private static partial Regex ListeningLine();
}
