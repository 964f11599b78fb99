using MedLedger.Testing.Azurite;

namespace MedLedger.Clients.Tests.Testing;

/// <summary>The shared Azurite support itself: fails loudly when Azurite is missing, and leaves nothing running.</summary>
public sealed class AzuriteInstanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_AzuriteNotInstalled_FailsSayingToRunNpmCi()
    {
        var root = Directory.CreateTempSubdirectory("medledger-noazurite-").FullName;
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(
                () => AzuriteInstance.StartAsync(new AzuriteOptions { RepositoryRoot = root }, Ct));

            Assert.Contains("npm ci", error.Message, StringComparison.Ordinal);
            Assert.Contains(root, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task DisposeAsync_StopsTheWholeProcessTree()
    {
        var instance = await AzuriteInstance.StartAsync(cancellationToken: Ct);
        var wrapper = System.Diagnostics.Process.GetProcessById(instance.ProcessId);
        var children = ChildrenOf(instance.ProcessId);

        await instance.DisposeAsync();

        Assert.True(wrapper.HasExited);
        Assert.NotEmpty(children);
        Assert.All(children, pid => Assert.False(File.Exists($"/proc/{pid}/stat") && !IsZombie(pid), $"Azurite child {pid} still runs: {Stat(pid)}"));
        // Not checked: that the ports refuse connections. Freed ports are reused at once by other processes here.
    }

    [Fact]
    public async Task StartAsync_OAuthWithoutHttps_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => AzuriteInstance.StartAsync(new AzuriteOptions { OAuth = true }, Ct));
    }

    private static List<int> ChildrenOf(int pid)
    {
        // Linux: /proc/<pid>/task/<pid>/children lists direct children.
        var path = $"/proc/{pid}/task/{pid}/children";
        return File.Exists(path)
            ? File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList()
            : [];
    }

    private static string Stat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat") + " " + File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
