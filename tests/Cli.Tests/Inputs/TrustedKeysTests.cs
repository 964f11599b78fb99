using MedLedger.Cli.Inputs;
using MedLedger.Cli.Reporting;
using MedLedger.Cli.Tests.Support;
using MedLedger.Ledger.Checkpoints;

namespace MedLedger.Cli.Tests.Inputs;

public sealed class TrustedKeysTests : IAsyncLifetime
{
    private TestLedger _ledger = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _ledger = await TestLedger.CreateAsync(1);

    public ValueTask DisposeAsync()
    {
        _ledger.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task For_PemKey_TakesTheNamesOfSignatureLinesWithItsKeyId()
    {
        using var keys = await TrustedKeys.LoadAsync([_ledger.PublicKeyPath], Token);
        var note = await _ledger.SignCheckpointAsync(1);

        var resolved = keys.For([note]);

        var key = Assert.Single(resolved);
        Assert.Equal(TestLedger.LogName, key.Name);
        Assert.Equal(_ledger.Signer.KeyId, key.KeyId);
        Assert.True(CheckpointVerifier.Verify(note, resolved).IsValid);
    }

    [Fact]
    public async Task For_PemKeyNoNoteMentions_IsListedUnderAnyName()
    {
        using var keys = await TrustedKeys.LoadAsync([_ledger.PublicKeyPath], Token);

        var key = Assert.Single(keys.For([]));

        Assert.Equal("*", key.Name);
    }

    [Fact]
    public async Task For_VerifierKeyString_KeepsItsOwnName()
    {
        using var pinned = CheckpointVerifierKey.FromPublicKeyInfo("pinned", _ledger.Signer.PublicKeyInfo.Span);
        using var keys = await TrustedKeys.LoadAsync([pinned.ToString()], Token);
        var note = await _ledger.SignCheckpointAsync(1);

        var key = Assert.Single(keys.For([note]));

        Assert.Equal("pinned", key.Name);
        Assert.False(CheckpointVerifier.Verify(note, [key]).IsValid);
    }

    [Fact]
    public async Task LoadAsync_VerifierKeyWithWrongId_Throws()
    {
        using var pinned = CheckpointVerifierKey.FromPublicKeyInfo("pinned", _ledger.Signer.PublicKeyInfo.Span);
        var text = pinned.ToString();
        var parts = text.Split('+', 3);
        var wrong = $"{parts[0]}+{(parts[1] == "00000000" ? "00000001" : "00000000")}+{parts[2]}";

        var exception = await Assert.ThrowsAsync<CommandLineException>(() => TrustedKeys.LoadAsync([wrong], Token));

        Assert.Contains("is not a usable verifier key", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_BinaryFile_ThrowsSayingItIsNotPem()
    {
        var path = _ledger.WriteBytes("key.der", [0x30, 0x82, 0xff, 0xfe]);

        var exception = await Assert.ThrowsAsync<CommandLineException>(() => TrustedKeys.LoadAsync([path], Token));

        Assert.Equal($"The key file '{path}' is not a PEM text file.", exception.Message);
    }

    [Fact]
    public async Task LoadAsync_Directory_ThrowsNamingIt()
    {
        var exception = await Assert.ThrowsAsync<CommandLineException>(() => TrustedKeys.LoadAsync([_ledger.Directory], Token));

        Assert.Equal($"The key file '{_ledger.Directory}' is a directory, not a file.", exception.Message);
    }
}
