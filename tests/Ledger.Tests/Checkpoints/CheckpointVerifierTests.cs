using System.Text;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Tests.Checkpoints;

public sealed class CheckpointVerifierTests : IDisposable
{
    private const string Origin = "medledger.local/log-0";
    private readonly LocalCheckpointSigner _signer = LocalCheckpointSigner.Generate(Origin);
    private readonly LocalCheckpointSigner _other = LocalCheckpointSigner.Generate(Origin);
    private readonly CheckpointVerifierKey _key;
    private readonly CheckpointVerifierKey _otherKey;

    public CheckpointVerifierTests()
    {
        _key = _signer.CreateVerifierKey();
        _otherKey = _other.CreateVerifierKey();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _signer.Dispose();
        _other.Dispose();
        _key.Dispose();
        _otherKey.Dispose();
    }

    private static Checkpoint Sample(long size = 42) => new(Origin, size, LedgerHash.Sha256(Encoding.UTF8.GetBytes("root")));

    [Fact]
    public async Task Verify_SignedByTrustedKey_IsValid()
    {
        var note = await Sample().SignAsync(_signer, Token);

        var result = CheckpointVerifier.Verify(note, [_key], Origin);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(42, result.Checkpoint.TreeSize);
        Assert.Equal(Sample().RootHash, result.Checkpoint.RootHash);
        Assert.Same(_key, Assert.Single(result.VerifiedBy));
        Assert.StartsWith(Sample().ToNoteText() + "\n— " + Origin + " ", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SignedByAnotherKeyOnly_IsUnknownKey()
    {
        var note = await Sample().SignAsync(_other, Token);

        var result = CheckpointVerifier.Verify(note, [_key]);

        Assert.Equal(CheckpointError.UnknownKey, result.Error);
        Assert.Null(result.Checkpoint);
    }

    [Fact]
    public async Task Verify_NoTrustedKeys_IsUnknownKey()
    {
        var note = await Sample().SignAsync(_signer, Token);

        Assert.Equal(CheckpointError.UnknownKey, CheckpointVerifier.Verify(note, []).Error);
    }

    [Fact]
    public async Task Verify_SameKeyIdUnderAnotherName_IsIgnored()
    {
        var note = await Sample().SignAsync(_signer, Token);
        var renamed = note.Replace("— " + Origin + " ", "— impostor.example ", StringComparison.Ordinal);

        Assert.Equal(CheckpointError.UnknownKey, CheckpointVerifier.Verify(renamed, [_key]).Error);
    }

    [Theory]
    [InlineData("\n42\n", "\n43\n")]
    [InlineData(Origin + "\n", "medledger.local/log-1\n")]
    public async Task Verify_AlteredSizeOrOrigin_IsBadSignature(string from, string to)
    {
        var note = await Sample().SignAsync(_signer, Token);

        var result = CheckpointVerifier.Verify(ReplaceFirst(note, from, to), [_key]);

        Assert.Equal(CheckpointError.BadSignature, result.Error);
    }

    [Fact]
    public async Task Verify_AlteredRoot_IsBadSignature()
    {
        var note = await Sample().SignAsync(_signer, Token);
        var other = LedgerHash.Sha256(Encoding.UTF8.GetBytes("other root")).ToBase64();

        var result = CheckpointVerifier.Verify(note.Replace(Sample().RootHash.ToBase64(), other, StringComparison.Ordinal), [_key]);

        Assert.Equal(CheckpointError.BadSignature, result.Error);
    }

    [Fact]
    public async Task Verify_ExtraOrMissingLine_IsBadSignature()
    {
        var note = await Sample().SignAsync(_signer, Token);
        var rootLine = Sample().RootHash.ToBase64() + "\n";

        Assert.Equal(CheckpointError.BadSignature, CheckpointVerifier.Verify(note.Replace(rootLine, rootLine + "extension\n", StringComparison.Ordinal), [_key]).Error);
        Assert.Equal(CheckpointError.BadSignature, CheckpointVerifier.Verify(note.Replace(rootLine, string.Empty, StringComparison.Ordinal), [_key]).Error);
    }

    [Fact]
    public async Task Verify_NonCanonicalNoteText_IsMalformedNote()
    {
        var note = await Sample().SignAsync(_signer, Token);

        Assert.Equal(CheckpointError.MalformedNote, CheckpointVerifier.Verify(note.Replace("\n", "\r\n", StringComparison.Ordinal), [_key]).Error);
        Assert.Equal(CheckpointError.MalformedNote, CheckpointVerifier.Verify(note[..^1], [_key]).Error);
        Assert.Equal(CheckpointError.MalformedNote, CheckpointVerifier.Verify(note + " ", [_key]).Error);
    }

    [Theory]
    [InlineData("0042")]
    [InlineData("+42")]
    [InlineData("42 ")]
    public async Task Verify_SignedButNonCanonicalSize_IsMalformedCheckpoint(string size)
    {
        var text = Origin + "\n" + size + "\n" + Sample().RootHash.ToBase64() + "\n";
        var note = await SignTextAsync(_signer, text);

        var result = CheckpointVerifier.Verify(note, [_key]);

        Assert.Equal(CheckpointError.MalformedCheckpoint, result.Error);
    }

    [Fact]
    public async Task Verify_SignedButDoubledBlankLine_IsMalformedCheckpoint()
    {
        var note = await SignTextAsync(_signer, Sample().ToNoteText() + "\n");

        Assert.Equal(CheckpointError.MalformedCheckpoint, CheckpointVerifier.Verify(note, [_key]).Error);
    }

    [Fact]
    public async Task Verify_SeveralSignaturesWithOneTrusted_IsValid()
    {
        using var witness = LocalCheckpointSigner.Generate("witness.example/w1");
        var note = await Sample().SignAsync([_other, witness, _signer], Token);

        var result = CheckpointVerifier.Verify(note, [_key]);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(3, result.Note.Signatures.Count);
    }

    [Fact]
    public async Task Verify_BothKeysTrustedAndBothSigned_ListsBoth()
    {
        var note = await Sample().SignAsync([_signer, _other], Token);

        var result = CheckpointVerifier.Verify(note, [_otherKey, _key]);

        Assert.True(result.IsValid);
        Assert.Equal(2, result.VerifiedBy.Count);
    }

    [Fact]
    public async Task Verify_OneTrustedSignatureFails_RejectsTheWholeNote()
    {
        var good = await Sample().SignAsync(_signer, Token);
        var forged = new NoteSignature(_otherKey.Name, _otherKey.KeyId, await _other.SignAsync(Encoding.UTF8.GetBytes("something else"), Token));
        var parsed = Parse(good);
        var note = new SignedNote(parsed.Text, [.. parsed.Signatures, forged]).ToString();

        var result = CheckpointVerifier.Verify(note, [_key, _otherKey]);

        Assert.Equal(CheckpointError.BadSignature, result.Error);
        Assert.True(CheckpointVerifier.Verify(note, [_key]).IsValid);
    }

    [Fact]
    public async Task Verify_GarbageSignatureBytesFromTrustedKey_IsBadSignature()
    {
        var parsed = Parse(await Sample().SignAsync(_signer, Token));
        var garbage = new SignedNote(parsed.Text, [new NoteSignature(_key.Name, _key.KeyId, [0x30, 0x01, 0x00])]).ToString();

        Assert.Equal(CheckpointError.BadSignature, CheckpointVerifier.Verify(garbage, [_key]).Error);
    }

    [Fact]
    public async Task Verify_WrongExpectedOrigin_IsOriginMismatch()
    {
        var note = await Sample().SignAsync(_signer, Token);

        Assert.Equal(CheckpointError.OriginMismatch, CheckpointVerifier.Verify(note, [_key], "medledger.local/log-9").Error);
    }

    [Fact]
    public async Task Verify_HundredSignaturesTrustedLast_IsValid()
    {
        var parsed = Parse(await Sample().SignAsync(_signer, Token));
        var noise = Enumerable.Range(0, 99).Select(i => new NoteSignature($"witness-{i}", (uint)i, [1, 2, 3]));
        var note = new SignedNote(parsed.Text, [.. noise, parsed.Signatures[0]]).ToString();

        Assert.True(CheckpointVerifier.Verify(note, [_key]).IsValid);
        Assert.Equal(CheckpointError.MalformedNote, CheckpointVerifier.Verify(note + "— extra AQIDBAUG\n", [_key]).Error);
    }

    [Fact]
    public async Task SignAsync_SignerReturningRawSignature_ThrowsUntilConverted()
    {
        using var raw = new RawSigner(Origin, useDer: false);
        using var converted = new RawSigner(Origin, useDer: true);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Sample().SignAsync(raw, Token));
        var note = await Sample().SignAsync(converted, Token);

        Assert.True(CheckpointVerifier.Verify(note, [converted.VerifierKey]).IsValid);
    }

    // Published vectors: Sigstore's production Rekor key and checkpoints, and the Pixel 6 transparency log (from
    // transparency-dev/formats note/note_verifier_test.go and sigstore-js). Their key ids are SHA-256(SPKI)[0..4].
    private const string RekorVerifierKey =
        "rekor.sigstore.dev+c0d23d6a+AjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABNhtmPtrWm3U1eQXBogSMdGvXwBcK5AW5i0hrZLOC96l+smGNM7nwZ4QvFK/4sueRoVj//QP22Ni4Qt9DPfkWLc=";

    private const string PixelVerifierKey =
        "pixel6_transparency_log+91c16e30+AjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABN+4x0Jk1yTwvLFI9A4NDdGZcX0aiWVdWM5XJVy0M4VWD3AvyW5Q6Hs9A0mcDkpUoYgn+KKPNzFC0H3nN3q6JQ8=";

    public static TheoryData<string, string, string, long> PublishedCheckpoints() => new()
    {
        {
            RekorVerifierKey,
            "Rekor\n798034\nf+7CoKgXKE/tNys9TTXcr/ad6U/K3xvznmzew9y6SP0=\n\n— rekor.sigstore.dev wNI9ajBEAiARInWIWyCdyG27CO6LPnPekyw20qO0YJfoaPaowGp/XgIgc+qEHS3+GKVClgqq20uDLet7MCoTURUCRdxwWBHHufk=\n",
            "Rekor",
            798034
        },
        {
            RekorVerifierKey,
            "rekor.sigstore.dev - 2605736670972794746\n21428036\nrxnoKyFZlJ7/R6bMh/d3lcqwKqAy5CL1LcNBJP17kgQ=\nTimestamp: 1688058656037355364\n\n— rekor.sigstore.dev wNI9ajBFAiEAuDk7uu5Ae8Own/MjhSZNuVzbLuYH2jBMxbSA0WaNDNACIDV4reKpYiOpkwtvazCClnpUuduF2o/th2xR3gRZAUU4\n",
            "rekor.sigstore.dev - 2605736670972794746",
            21428036
        },
        {
            PixelVerifierKey,
            "DEFAULT\n10\nbsWRucJU5xJPHb5eBdOm6+DM+VelCZBuvtI3sHERJ9Y=\n\n— pixel6_transparency_log kcFuMDBFAiEAhqMAP8P6qf6QxtUJhzMhbN+MbZ9dwfUHzGQJmffJHtoCIGD0cNe47dHWBoPwYdgBCepB06/+g5O1FmYjXl06owL4\n",
            "DEFAULT",
            10
        },
    };

    [Theory]
    [MemberData(nameof(PublishedCheckpoints))]
    public void Verify_PublishedEcdsaCheckpoint_IsValid(string verifierKey, string note, string origin, long size)
    {
        Assert.True(CheckpointVerifierKey.TryParse(verifierKey, out var key, out var error), error);
        using (key)
        {
            var result = CheckpointVerifier.Verify(note, [key]);

            Assert.True(result.IsValid, result.ToString());
            Assert.Equal(origin, result.Checkpoint.Origin);
            Assert.Equal(size, result.Checkpoint.TreeSize);
            Assert.Equal(note, result.Note.ToString());
            var altered = note.Replace($"\n{size}\n", $"\n{size + 1}\n", StringComparison.Ordinal);
            Assert.Equal(CheckpointError.BadSignature, CheckpointVerifier.Verify(altered, [key]).Error);
        }
    }

    [Fact]
    public void Verify_PublishedCheckpointWithExtensionLine_KeepsTheExtension()
    {
        Assert.True(CheckpointVerifierKey.TryParse(RekorVerifierKey, out var key, out _));
        using (key)
        {
            const string note = "rekor.sigstore.dev - 2605736670972794746\n21428036\nrxnoKyFZlJ7/R6bMh/d3lcqwKqAy5CL1LcNBJP17kgQ=\nTimestamp: 1688058656037355364\n\n— rekor.sigstore.dev wNI9ajBFAiEAuDk7uu5Ae8Own/MjhSZNuVzbLuYH2jBMxbSA0WaNDNACIDV4reKpYiOpkwtvazCClnpUuduF2o/th2xR3gRZAUU4\n";

            var result = CheckpointVerifier.Verify(note, [key]);

            Assert.Equal(["Timestamp: 1688058656037355364"], result.Checkpoint!.Extensions);
        }
    }

    private static SignedNote Parse(string note)
    {
        Assert.True(SignedNote.TryParse(note, out var parsed, out var error), error);
        return parsed;
    }

    private static async Task<string> SignTextAsync(LocalCheckpointSigner signer, string text)
    {
        var signature = await signer.SignAsync(Encoding.UTF8.GetBytes(text), Token);
        return new SignedNote(text, [new NoteSignature(signer.KeyName, signer.KeyId, signature)]).ToString();
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0);
        return text[..at] + to + text[(at + from.Length)..];
    }

    /// <summary>A signer that returns IEEE P1363 r‖s, as Key Vault does, optionally converted to DER.</summary>
    private sealed class RawSigner : ICheckpointSigner, IDisposable
    {
        private readonly System.Security.Cryptography.ECDsa _key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        private readonly bool _useDer;

        public RawSigner(string name, bool useDer)
        {
            KeyName = name;
            _useDer = useDer;
            VerifierKey = CheckpointVerifierKey.FromPublicKeyInfo(name, _key.ExportSubjectPublicKeyInfo());
        }

        public string KeyName { get; }

        public ReadOnlyMemory<byte> PublicKeyInfo => VerifierKey.PublicKeyInfo;

        public CheckpointVerifierKey VerifierKey { get; }

        public Task<byte[]> SignAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
        {
            var raw = _key.SignData(message.Span, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            return Task.FromResult(_useDer ? EcdsaSignatureEncoding.RawToDer(raw) : raw);
        }

        public void Dispose()
        {
            _key.Dispose();
            VerifierKey.Dispose();
        }
    }
}
