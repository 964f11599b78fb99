using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MedLedger.Functions.Tests.Support;

/// <summary>Runs the built app (MedLedger.Functions.dll next to the tests) as its own process, with only the given settings.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private AppProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Starts the app with <paramref name="environment"/> as its only MedLedger, storage and Functions variables.</summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MedLedger.Functions.dll"));
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("MedLedger", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("AzureWebJobs", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("FUNCTIONS_", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new AppProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Turns configuration keys into environment variables (<c>:</c> → <c>__</c>).</summary>
    public static Dictionary<string, string> Environment(Dictionary<string, string?> settings) =>
        settings.Where(p => p.Value is not null).ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value!);

    /// <summary>Returns a TCP port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits for the process to exit on its own; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string StandardOutput, string StandardError)> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        return (_process.ExitCode, await _stdout, await _stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
