using MedLedger.Cli.Tests.Support;
using MedLedger.Testing.Azurite;

namespace MedLedger.Cli.Tests;

public sealed class MedLedgerCliTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RunAsync_Cancelled_ExitsOneWithOneLine()
    {
        using var ledger = await TestLedger.CreateAsync(10);
        var export = await ledger.ExportAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await MedLedgerCli.RunAsync(["verify", "--file", export], output, error, new CliEnvironment(), new CancellationToken(canceled: true));

        Assert.Equal(1, code);
        Assert.Equal("error: Cancelled.", error.ToString().TrimEnd());
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task RunAsync_UnexpectedException_IsOneLineWithoutAStackTrace()
    {
        using var ledger = await TestLedger.CreateAsync(10);
        var export = await ledger.ExportAsync();
        var environment = new CliEnvironment { TimeProvider = new BrokenClock() };

        var run = await Medledger.RunAsync(environment, "verify", "--file", export, "--progress");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: Unexpected InvalidOperationException: the clock is broken\n", run.Error);
        Assert.DoesNotContain(" at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StorageUnreachable_ExitsOneSayingSo()
    {
        var unreachable = azurite.ConnectionString
            .Split(';')
            .Select(part => part.StartsWith("TableEndpoint=", StringComparison.Ordinal) ? "TableEndpoint=http://127.0.0.1:9/devstoreaccount1" : part);
        var key = Path.GetTempFileName();
        try
        {
            using var signer = Ledger.Checkpoints.LocalCheckpointSigner.Generate("k");
            await File.WriteAllTextAsync(key, signer.ExportPublicKeyPem(), TestContext.Current.CancellationToken);

            var environment = new CliEnvironment
            {
                CreateStorageOptions = () => new Clients.Pipeline.StorageClientOptions { Retry = { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(1) } },
            };

            var run = await Medledger.RunAsync(environment, "verify", "--connection", string.Join(';', unreachable), "--log", "medledger.test/x", "--key", key);

            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith("error: The storage service could not be reached: ", run.Error, StringComparison.Ordinal);
            Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            File.Delete(key);
        }
    }

    [Fact]
    public async Task RunAsync_StorageRefuses_ExitsOneWithStatusAndCode()
    {
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var connection = string.Join(';', azurite.ConnectionString.Split(';').Select(part => part.StartsWith("AccountKey=", StringComparison.Ordinal) ? "AccountKey=" + wrongKey : part));
        var key = Path.GetTempFileName();
        try
        {
            using var signer = Ledger.Checkpoints.LocalCheckpointSigner.Generate("k");
            await File.WriteAllTextAsync(key, signer.ExportPublicKeyPem(), TestContext.Current.CancellationToken);

            var run = await Medledger.RunAsync("verify", "--connection", connection, "--log", "medledger.test/x", "--key", key);

            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith("error: The storage service refused the request (403 AuthorizationFailure): ", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(wrongKey, run.Error, StringComparison.Ordinal);
            Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            File.Delete(key);
        }
    }

    private sealed class BrokenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException("the clock is broken");
    }
}
