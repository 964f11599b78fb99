using System.Text;
using MedLedger.Cli.Tests.Support;
using MedLedger.Ledger.Checkpoints;

namespace MedLedger.Cli.Tests.Commands;

public sealed class ReceiptVerifyCommandTests : IAsyncLifetime
{
    private TestLedger _ledger = null!;

    public async ValueTask InitializeAsync() => _ledger = await TestLedger.CreateAsync(300);

    public ValueTask DisposeAsync()
    {
        _ledger.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ReceiptVerify_ValidReceipt_ExitsZeroNamingEntryTreeAndSigner()
    {
        var receipt = await _ledger.WriteReceiptAsync(index: 17, size: 300);

        var run = await Medledger.RunAsync("receipt", "verify", "--receipt", receipt, "--key", _ledger.PublicKeyPath);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(
            $"^valid: entry 17 of log '{TestLedger.LogName}' is included in the tree of 300 entries \\(root [A-Za-z0-9+/]{{43}}=\\) signed by '{TestLedger.LogName}' \\({_ledger.Signer.KeyId:x8}\\)$",
            run.FirstLine);
        Assert.Matches("^entry: [a-z.]+ at 2026-01-01T00:00:00.000Z, event evt-17, leaf hash [A-Za-z0-9+/]{43}=$", run.Lines[1]);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task ReceiptVerify_FileEndsWithOneNewline_IsStillValid()
    {
        var receipt = await _ledger.WriteReceiptAsync(index: 0, size: 1);
        await File.AppendAllTextAsync(receipt, "\n", TestContext.Current.CancellationToken);

        var run = await Medledger.RunAsync("receipt", "verify", "--receipt", receipt, "--key", _ledger.PublicKeyPath);

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task ReceiptVerify_WrongKey_ReportsUnknownKey()
    {
        using var other = LocalCheckpointSigner.Generate(TestLedger.LogName);
        var otherKey = _ledger.WriteText("other.pub.pem", other.ExportPublicKeyPem());
        var receipt = await _ledger.WriteReceiptAsync(index: 5, size: 300);

        var run = await Medledger.RunAsync("receipt", "verify", "--receipt", receipt, "--key", otherKey);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: entry 5: unknown-key: The checkpoint is not accepted: ", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiptVerify_AlteredInclusionProof_ReportsNotIncluded()
    {
        var receipt = await _ledger.WriteReceiptAsync(index: 123, size: 300);
        var json = await File.ReadAllTextAsync(receipt, TestContext.Current.CancellationToken);
        var start = json.IndexOf("\"inclusionProof\":[\"", StringComparison.Ordinal) + 19;
        var altered = json[..start] + (json[start] == 'A' ? 'B' : 'A') + json[(start + 1)..];
        _ledger.WriteText("altered.json", altered);

        var run = await Medledger.RunAsync("receipt", "verify", "--receipt", _ledger.PathOf("altered.json"), "--key", _ledger.PublicKeyPath);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: entry 123: not-included: ", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiptVerify_NotJson_ReportsMalformedReceipt()
    {
        var receipt = _ledger.WriteText("receipt.json", "{\"format\":");

        var run = await Medledger.RunAsync("receipt", "verify", "--receipt", receipt, "--key", _ledger.PublicKeyPath);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: receipt: malformed-receipt: ", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiptVerify_UnknownVersion_ReportsUnsupportedFormat()
    {
        var receipt = _ledger.WriteText("receipt.json", "{\"format\":\"medledger-receipt/v9\"}");

        var run = await Medledger.RunAsync("receipt", "verify", "--receipt", receipt, "--key", _ledger.PublicKeyPath);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: receipt: unsupported-format: ", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiptVerify_ForAnotherLog_ReportsLogMismatch()
    {
        var receipt = await _ledger.WriteReceiptAsync(index: 1, size: 2);

        var run = await Medledger.RunAsync("receipt", "verify", "--receipt", receipt, "--key", _ledger.PublicKeyPath, "--log", "medledger.test/log-9");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("invalid: entry 1: log-mismatch: ", run.FirstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiptVerify_MissingFile_ExitsOne()
    {
        var run = await Medledger.RunAsync("receipt", "verify", "--receipt", _ledger.PathOf("none.json"), "--key", _ledger.PublicKeyPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: The receipt '{_ledger.PathOf("none.json")}' does not exist.\n", run.Error);
    }

    [Fact]
    public async Task ReceiptVerify_MissingKeyFile_ExitsOne()
    {
        var receipt = await _ledger.WriteReceiptAsync(index: 1, size: 2);

        var run = await Medledger.RunAsync("receipt", "verify", "--receipt", receipt, "--key", _ledger.PathOf("none.pem"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: The key file '{_ledger.PathOf("none.pem")}' does not exist.\n", run.Error);
    }

    [Fact]
    public async Task ReceiptVerify_FarTooLarge_ExitsOneWithoutReadingIt()
    {
        var receipt = _ledger.PathOf("huge.json");
        await using (var file = File.Create(receipt))
        {
            file.SetLength(Ledger.Receipts.Receipt.MaxReceiptBytes + 2);
        }

        var run = await Medledger.RunAsync("receipt", "verify", "--receipt", receipt, "--key", _ledger.PublicKeyPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is larger than", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "receipt", "verify", "--key", "k.pem" }, "Option '--receipt' is required.")]
    [InlineData(new[] { "receipt", "verify", "--receipt", "r.json" }, "Option '--key' is required.")]
    public async Task ReceiptVerify_MissingOptions_ExitOne(string[] args, string message)
    {
        var run = await Medledger.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {message} (see 'medledger receipt verify --help')\n", run.Error);
    }

    [Fact]
    public async Task ReceiptVerify_AnySingleByteChange_NeverExitsZero()
    {
        var receipt = await _ledger.WriteReceiptAsync(index: 200, size: 300);
        var bytes = await File.ReadAllBytesAsync(receipt, TestContext.Current.CancellationToken);
        var random = new Random(1234);
        for (var trial = 0; trial < 60; trial++)
        {
            var copy = bytes.ToArray();
            var position = random.Next(copy.Length);
            copy[position] ^= (byte)(1 << random.Next(8));
            var path = _ledger.WriteBytes("mutated.json", copy);

            var run = await Medledger.RunAsync("receipt", "verify", "--receipt", path, "--key", _ledger.PublicKeyPath);

            Assert.True(run.ExitCode == 2, $"byte {position} ({Encoding.ASCII.GetString(copy, Math.Max(0, position - 10), 20)}): {run}");
            Assert.StartsWith("invalid: ", run.FirstLine, StringComparison.Ordinal);
        }
    }
}
