using System.IO.Compression;
using System.Runtime.Versioning;
using MedLedger.Infra.Tests.Support;

namespace MedLedger.Infra.Tests.Packaging;

/// <summary>
/// scripts/package-zip.mjs (the layout and zip step of scripts/package) on a small fake publish output: the zip
/// has the layout the Functions host expects, keeps the execute bit, and never carries local settings or keys.
/// The full self-contained publish is too slow for the suite; it is run by hand (docs/deployment.md).
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class PackageZipTests : IDisposable
{
    private const string Executable = "MedLedger.Functions";
    private const UnixFileMode Executable755 = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Regular644 = (UnixFileMode)0b110_100_100;

    private readonly TemporaryDirectory work = new();

    public PackageZipTests()
    {
        work.Write("publish/MedLedger.Functions", "\u007fELF fake apphost", Executable755);
        work.Write("publish/MedLedger.Functions.dll", "fake assembly", Regular644);
        work.Write("publish/createdump", "\u007fELF fake", Executable755);
        work.Write("publish/runtimes/linux-x64/native/libfake.so", "fake native library", Regular644);
        work.Write("publish/appsettings.json", "{}", Regular644);
        work.Write("publish/appsettings.Development.json", "{\"MedLedger\":{\"DevelopmentMode\":true}}", Regular644);
        work.Write("publish/local.settings.json", "{\"Values\":{\"AzureWebJobsStorage\":\"UseDevelopmentStorage=true\"}}", Regular644);
        work.Write("publish/dev-signing.pem", "-----BEGIN PRIVATE KEY-----", Regular644);
        work.Write("publish/wrapping.key", "secret", Regular644);
        work.Write("publish/.medledger/keys/checkpoint.json", "{}", Regular644);
        work.Write("host.json", "{\"version\":\"2.0\",\"customHandler\":{\"description\":{\"defaultExecutablePath\":\"MedLedger.Functions\"}}}");
        work.Write("functions/LedgerAppend/function.json", "{\"bindings\":[{\"type\":\"queueTrigger\",\"direction\":\"in\",\"name\":\"msg\",\"queueName\":\"ledger-events\"}]}");
        work.Write("functions/Health/function.json", "{\"bindings\":[{\"type\":\"httpTrigger\",\"direction\":\"in\",\"name\":\"req\"},{\"type\":\"http\",\"direction\":\"out\",\"name\":\"res\"}]}");
    }

    private string Zip => work.Combine("out", "package.zip");

    [Fact]
    public async Task Package_FakePublish_LaysOutHostJsonFunctionFoldersAndPublishOutput()
    {
        var result = await PackageAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        using var archive = ZipFile.OpenRead(Zip);
        var names = archive.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("host.json", names);
        Assert.Contains("LedgerAppend/function.json", names);
        Assert.Contains("Health/function.json", names);
        Assert.Contains(Executable, names);
        Assert.Contains("MedLedger.Functions.dll", names);
        Assert.Contains("runtimes/linux-x64/native/libfake.so", names);
        Assert.Equal(File.ReadAllText(work.Combine("host.json")), ReadEntry(archive, "host.json"));
        Assert.Equal(File.ReadAllText(work.Combine("functions/Health/function.json")), ReadEntry(archive, "Health/function.json"));
    }

    [Fact]
    public async Task Package_FakePublish_StoresTheExecuteBitInUnixExternalAttributes()
    {
        var result = await PackageAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var entries = ZipCentralDirectory.Read(Zip).ToDictionary(e => e.Name);
        Assert.All(entries.Values, entry => Assert.Equal(ZipCentralEntry.Unix, entry.MadeBySystem));
        Assert.True(entries[Executable].IsRegularFile);
        Assert.Equal(0b111_101_101u, entries[Executable].UnixMode & 0x1FF);
        Assert.True(entries["createdump"].IsExecutable);
        Assert.False(entries["MedLedger.Functions.dll"].IsExecutable);
        Assert.False(entries["host.json"].IsExecutable);
    }

    [Fact]
    public async Task Package_HandlerWithoutExecuteBitInPublish_GetsItInTheZip()
    {
        File.SetUnixFileMode(work.Combine("publish", Executable), Regular644);

        var result = await PackageAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(ZipCentralDirectory.Read(Zip).Single(e => e.Name == Executable).IsExecutable);
    }

    [Fact]
    public async Task Package_FakePublish_LeavesOutLocalSettingsAndKeyMaterial()
    {
        var result = await PackageAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        using var archive = ZipFile.OpenRead(Zip);
        var names = archive.Entries.Select(e => e.FullName).ToList();
        Assert.DoesNotContain(names, n => n.EndsWith("local.settings.json", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(names, n => n.EndsWith("appsettings.Development.json", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(names, n => n.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".key", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(names, n => n.Contains(".medledger", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("left out local.settings.json", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_SameInputTwice_ProducesIdenticalBytes()
    {
        Assert.Equal(0, (await PackageAsync()).ExitCode);
        var first = await File.ReadAllBytesAsync(Zip, TestContext.Current.CancellationToken);

        Assert.Equal(0, (await PackageAsync()).ExitCode);

        Assert.Equal(first, await File.ReadAllBytesAsync(Zip, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Package_ExecutableMissingFromPublish_FailsWithoutWritingAZip()
    {
        File.Delete(work.Combine("publish", Executable));

        var result = await PackageAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'MedLedger.Functions'", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Zip));
        Assert.False(File.Exists($"{Zip}.partial"));
    }

    [Fact]
    public async Task Package_FunctionFolderWithoutFunctionJson_Fails()
    {
        work.Write("functions/Orphan/readme.txt", "no definition");

        var result = await PackageAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("function.json of 'Orphan' not found", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Zip));
    }

    [Fact]
    public async Task Package_FunctionJsonWithoutBindings_Fails()
    {
        work.Write("functions/Health/function.json", "{\"bindings\":[]}");

        var result = await PackageAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no bindings", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_HostJsonWithoutExecutablePath_Fails()
    {
        work.Write("host.json", "{\"version\":\"2.0\"}");

        var result = await PackageAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("defaultExecutablePath", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_ExecutablePathOutsideThePackage_Fails()
    {
        work.Write("host.json", "{\"customHandler\":{\"description\":{\"defaultExecutablePath\":\"../bin/sh\"}}}");

        var result = await PackageAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("inside the package", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_PublishOutputWithADifferentHostJson_Fails()
    {
        work.Write("publish/host.json", "{\"version\":\"2.0\",\"other\":true}");

        var result = await PackageAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'host.json'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_PublishOutputWithTheSameHostJson_KeepsOneCopy()
    {
        File.Copy(work.Combine("host.json"), work.Combine("publish", "host.json"));

        var result = await PackageAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        using var archive = ZipFile.OpenRead(Zip);
        Assert.Single(archive.Entries, e => e.FullName == "host.json");
    }

    public void Dispose() => work.Dispose();

    private static string ReadEntry(ZipArchive archive, string name)
    {
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private Task<ProcessResult> PackageAsync() =>
        ProcessRunner.RunAsync(
            "node",
            [
                RepositoryRoot.Combine("scripts", "package-zip.mjs"),
                "--publish", work.Combine("publish"),
                "--host-json", work.Combine("host.json"),
                "--functions", work.Combine("functions"),
                "--out", Zip,
            ],
            work.Path,
            cancellationToken: TestContext.Current.CancellationToken);
}
