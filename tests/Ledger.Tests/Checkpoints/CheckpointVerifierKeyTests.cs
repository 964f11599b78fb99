using System.Security.Cryptography;
using MedLedger.Ledger.Checkpoints;

namespace MedLedger.Ledger.Tests.Checkpoints;

public sealed class CheckpointVerifierKeyTests
{
    // Sigstore's production Rekor key; its published log id starts with c0d23d6a (SHA-256 of this DER SPKI).
    private const string RekorPem = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE2G2Y+2tabdTV5BcGiBIx0a9fAFwr
        kBbmLSGtks4L3qX6yYY0zufBnhC8Ur/iy55GhWP/9A/bY2LhC30M9+RYtw==
        -----END PUBLIC KEY-----
        """;

    [Fact]
    public void FromPublicKeyPem_RekorKey_HasThePublishedKeyId()
    {
        using var key = CheckpointVerifierKey.FromPublicKeyPem("rekor.sigstore.dev", RekorPem);

        Assert.Equal(0xc0d23d6au, key.KeyId);
        Assert.Equal(
            "rekor.sigstore.dev+c0d23d6a+AjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABNhtmPtrWm3U1eQXBogSMdGvXwBcK5AW5i0hrZLOC96l+smGNM7nwZ4QvFK/4sueRoVj//QP22Ni4Qt9DPfkWLc=",
            key.ToString());
    }

    [Fact]
    public void ComputeKeyId_IsTheFirstFourBytesOfSha256OfTheSpki()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = ecdsa.ExportSubjectPublicKeyInfo();
        var digest = SHA256.HashData(spki);

        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(digest), CheckpointVerifierKey.ComputeKeyId(spki));
    }

    [Fact]
    public void ToStringThenTryParse_RoundTrips()
    {
        using var signer = LocalCheckpointSigner.Generate("medledger.local/log-0");
        using var key = signer.CreateVerifierKey();

        Assert.True(CheckpointVerifierKey.TryParse(key.ToString(), out var parsed, out var error), error);
        using (parsed)
        {
            Assert.Equal(key.Name, parsed.Name);
            Assert.Equal(key.KeyId, parsed.KeyId);
            Assert.Equal(key.PublicKeyInfo.ToArray(), parsed.PublicKeyInfo.ToArray());
            Assert.Equal(key.ExportPublicKeyPem(), signer.ExportPublicKeyPem());
        }
    }

    [Theory]
    [InlineData("rekor.sigstore.dev+c0d23d6b+AjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABNhtmPtrWm3U1eQXBogSMdGvXwBcK5AW5i0hrZLOC96l+smGNM7nwZ4QvFK/4sueRoVj//QP22Ni4Qt9DPfkWLc=", "claims id")]
    [InlineData("rekor.sigstore.dev+c0d23d6a+ATBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABNhtmPtrWm3U1eQXBogSMdGvXwBcK5AW5i0hrZLOC96l+smGNM7nwZ4QvFK/4sueRoVj//QP22Ni4Qt9DPfkWLc=", "0x02")]
    [InlineData("rekor.sigstore.dev+c0d23d6a+not base64", "base64")]
    [InlineData("rekor.sigstore.dev+c0d23d6a", "form")]
    [InlineData("rekor.sigstore.dev+xyz+AjBZ", "form")]
    [InlineData("+c0d23d6a+AjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABNhtmPtrWm3U1eQXBogSMdGvXwBcK5AW5i0hrZLOC96l+smGNM7nwZ4QvFK/4sueRoVj//QP22Ni4Qt9DPfkWLc=", "key name")]
    [InlineData("k+c0d23d6a+AjBZMBMG", "cannot be read")]
    public void TryParse_InvalidVerifierKey_ReturnsError(string text, string expectedInMessage)
    {
        Assert.False(CheckpointVerifierKey.TryParse(text, out var key, out var error));

        Assert.Null(key);
        Assert.Contains(expectedInMessage, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TryFromPublicKeyPem_WrongKinds_ReturnError()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.False(CheckpointVerifierKey.TryFromPublicKeyPem("k", p384.ExportSubjectPublicKeyInfoPem(), out _, out var error));
        Assert.Contains("P-256", error, StringComparison.Ordinal);
        Assert.False(CheckpointVerifierKey.TryFromPublicKeyPem("k", rsa.ExportSubjectPublicKeyInfoPem(), out _, out _));
        Assert.False(CheckpointVerifierKey.TryFromPublicKeyPem("k", p256.ExportPkcs8PrivateKeyPem(), out _, out error));
        Assert.Contains("PUBLIC KEY", error, StringComparison.Ordinal);
        Assert.False(CheckpointVerifierKey.TryFromPublicKeyPem("k", "no pem here", out _, out _));
        Assert.False(CheckpointVerifierKey.TryFromPublicKeyPem("bad name", p256.ExportSubjectPublicKeyInfoPem(), out _, out _));
        Assert.Throws<ArgumentException>(() => CheckpointVerifierKey.FromPublicKeyPem("k", "no pem here"));
    }

    [Fact]
    public void TryFromPublicKeyInfo_CompressedPoint_IsRejected()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = ecdsa.ExportSubjectPublicKeyInfo();
        var parameters = ecdsa.ExportParameters(false);
        // Same algorithm identifier, but BIT STRING holding 0x02/0x03 ‖ X (33 bytes) instead of 0x04 ‖ X ‖ Y.
        var algorithm = spki.AsSpan(2, 21).ToArray();
        byte[] compressed = [0x30, 0x39, .. algorithm, 0x03, 0x22, 0x00, (byte)(0x02 | (parameters.Q.Y![^1] & 1)), .. parameters.Q.X!];

        Assert.False(CheckpointVerifierKey.TryFromPublicKeyInfo("k", compressed, out _, out _));
        Assert.False(CheckpointVerifierKey.TryFromPublicKeyInfo("k", [.. spki, 0x00], out _, out _));
        Assert.False(CheckpointVerifierKey.TryFromPublicKeyInfo("k", spki.AsSpan(0, 40), out _, out _));
    }

    [Fact]
    public void Verify_MalformedSignature_IsFalseNotAnException()
    {
        using var signer = LocalCheckpointSigner.Generate("k");
        using var key = signer.CreateVerifierKey();

        Assert.False(key.Verify("m"u8, []));
        Assert.False(key.Verify("m"u8, new byte[200]));
        Assert.False(key.Verify("m"u8, [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]));
    }
}
