using System.Security.Cryptography;
using Azure.Core.Cryptography;
using MedLedger.Infrastructure.Keys;
using MedLedger.Infrastructure.Records.Envelope;
using MedLedger.Testing.KeyVault;
using MedLedger.Testing.Time;

namespace MedLedger.Infrastructure.Tests.Records.Envelope;

public sealed class EnvelopeEncryptionTests
{
    private static readonly Lazy<LocalRsaKeyEncryptionKey> SharedLocalKey = new(() => LocalRsaKeyEncryptionKey.Generate(2048));
    private static readonly EnvelopeContext Context = new("log-3", "record-0001", "pseudonym-abc");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LocalRsaKeyEncryptionKey LocalKey => SharedLocalKey.Value;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4 * 1024)]
    [InlineData(5 * 1024 * 1024)]
    public async Task EncryptThenDecrypt_Sizes_RoundTrip(int size)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);
        var envelope = await new EnvelopeEncryptor(LocalKey).EncryptAsync(plaintext, Context, Ct);

        var result = await new EnvelopeDecryptor(new KeyEncryptionKeyRing([LocalKey])).DecryptAsync(envelope, Context, Ct);

        Assert.True(result.Succeeded, result.Failure?.Detail);
        Assert.Equal(plaintext, result.Plaintext);
        Assert.Equal(LocalKey.KeyId, result.KeyId);
        Assert.True(envelope.Length < size + 400);
    }

    [Fact]
    public async Task Encrypt_PlaintextOverLimit_Throws()
    {
        var tooBig = new ReadOnlyMemory<byte>(new byte[EnvelopeV1.MaxPlaintextLength + 1]);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new EnvelopeEncryptor(LocalKey).EncryptAsync(tooBig, Context, Ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Decrypt_AnySingleByteChanged_FailsWithoutPlaintext(bool withCache)
    {
        using var cache = withCache ? new DataKeyCache(timeProvider: new FakeTimeProvider()) : null;
        var plaintext = RandomNumberGenerator.GetBytes(1000);
        var envelope = await new EnvelopeEncryptor(LocalKey, cache).EncryptAsync(plaintext, Context, Ct);
        Assert.True(EnvelopeV1.TryParse(envelope, out var parsed, out _));
        var headerLength = envelope.Length - parsed.Ciphertext.Length - EnvelopeV1.TagLength;
        var positions = Enumerable.Range(0, headerLength)                                    // every header byte
            .Concat(Enumerable.Range(headerLength, plaintext.Length).Where(i => i % 7 == 0)) // a sample of ciphertext bytes
            .Concat(Enumerable.Range(envelope.Length - EnvelopeV1.TagLength, EnvelopeV1.TagLength)) // every tag byte
            .ToList();
        var decryptor = new EnvelopeDecryptor(new KeyEncryptionKeyRing([LocalKey]), cache);
        var kinds = new HashSet<EnvelopeFailureKind>();

        foreach (var position in positions)
        {
            foreach (var flip in new byte[] { 0x01, 0x80 })
            {
                var changed = envelope.ToArray();
                changed[position] ^= flip;

                var result = await decryptor.DecryptAsync(changed, Context, Ct);

                Assert.False(result.Succeeded, $"change at byte {position} (xor {flip:x2}) was not detected");
                Assert.Null(result.Plaintext);
                kinds.Add(result.Failure.Kind);
            }
        }

        // Every kind of header damage maps to its own failure, and the original still decrypts.
        Assert.Superset(new HashSet<EnvelopeFailureKind>
        {
            EnvelopeFailureKind.UnsupportedVersion, EnvelopeFailureKind.Malformed, EnvelopeFailureKind.UnknownKey,
            EnvelopeFailureKind.UnsupportedWrapAlgorithm, EnvelopeFailureKind.KeyUnwrapFailed, EnvelopeFailureKind.IntegrityCheckFailed,
        }, kinds);
        Assert.Equal(plaintext, (await decryptor.DecryptAsync(envelope, Context, Ct)).Plaintext);
    }

    public static TheoryData<string, string, string> SwappedContexts => new()
    {
        { "log-4", "record-0001", "pseudonym-abc" },
        { "log-3", "record-0002", "pseudonym-abc" },
        { "log-3", "record-0001", "pseudonym-abd" },
        { "log-", "3record-0001", "pseudonym-abc" }, // same concatenation, other field boundary
        { "log-3", "record-0001pseudonym-abc", "x" },
    };

    [Theory]
    [MemberData(nameof(SwappedContexts))]
    public async Task Decrypt_OtherLogRecordOrPseudonym_IntegrityCheckFailed(string log, string record, string pseudonym)
    {
        var envelope = await new EnvelopeEncryptor(LocalKey).EncryptAsync("diagnosis"u8.ToArray(), Context, Ct);

        var result = await new EnvelopeDecryptor(new KeyEncryptionKeyRing([LocalKey])).DecryptAsync(envelope, new EnvelopeContext(log, record, pseudonym), Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(EnvelopeFailureKind.IntegrityCheckFailed, result.Failure.Kind);
        Assert.Null(result.Plaintext);
    }

    [Fact]
    public async Task Decrypt_KeyNotInRing_UnknownKey()
    {
        var envelope = await new EnvelopeEncryptor(LocalKey).EncryptAsync("x"u8.ToArray(), Context, Ct);
        using var other = LocalRsaKeyEncryptionKey.Generate(2048);

        var result = await new EnvelopeDecryptor(new KeyEncryptionKeyRing([other])).DecryptAsync(envelope, Context, Ct);

        Assert.Equal(EnvelopeFailureKind.UnknownKey, result.Failure?.Kind);
    }

    [Fact]
    public async Task Decrypt_WrongKeyClaimingTheRecordedId_KeyUnwrapFailed()
    {
        var envelope = await new EnvelopeEncryptor(LocalKey).EncryptAsync("x"u8.ToArray(), Context, Ct);
        using var other = LocalRsaKeyEncryptionKey.Generate(2048);
        var impostor = new RenamedKey(other, LocalKey.KeyId);

        var result = await new EnvelopeDecryptor(new KeyEncryptionKeyRing([impostor])).DecryptAsync(envelope, Context, Ct);

        Assert.Equal(EnvelopeFailureKind.KeyUnwrapFailed, result.Failure?.Kind);
    }

    [Fact]
    public async Task Decrypt_ResolverAnswersAnotherKeyId_UnknownKey()
    {
        var envelope = await new EnvelopeEncryptor(LocalKey).EncryptAsync("x"u8.ToArray(), Context, Ct);
        using var other = LocalRsaKeyEncryptionKey.Generate(2048);

        var result = await new EnvelopeDecryptor(new FixedResolver(other)).DecryptAsync(envelope, Context, Ct);

        Assert.Equal(EnvelopeFailureKind.UnknownKey, result.Failure?.Kind);
    }

    [Fact]
    public async Task Decrypt_EmptyTruncatedOrUnknownVersion_FailureValues()
    {
        var envelope = await new EnvelopeEncryptor(LocalKey).EncryptAsync("x"u8.ToArray(), Context, Ct);
        var decryptor = new EnvelopeDecryptor(new KeyEncryptionKeyRing([LocalKey]));
        var future = envelope.ToArray();
        future[0] = 2;

        Assert.Equal(EnvelopeFailureKind.Malformed, (await decryptor.DecryptAsync(Array.Empty<byte>(), Context, Ct)).Failure?.Kind);
        Assert.Equal(EnvelopeFailureKind.Malformed, (await decryptor.DecryptAsync(envelope.AsMemory(0, envelope.Length - 1), Context, Ct)).Failure?.Kind);
        Assert.Equal(EnvelopeFailureKind.UnsupportedVersion, (await decryptor.DecryptAsync(future, Context, Ct)).Failure?.Kind);
    }

    [Fact]
    public async Task Encrypt_ManyRecords_FreshDataKeyNonceAndWrappedKeyEachTime()
    {
        var recording = new RecordingKey(LocalKey);
        var encryptor = new EnvelopeEncryptor(recording);
        var nonces = new HashSet<string>();
        var wrapped = new HashSet<string>();

        for (var i = 0; i < 300; i++)
        {
            var envelope = await encryptor.EncryptAsync("same plaintext"u8.ToArray(), Context, Ct);
            Assert.True(EnvelopeV1.TryParse(envelope, out var parsed, out _));
            Assert.True(nonces.Add(Convert.ToHexString(parsed.Nonce.Span)), "nonce repeated");
            Assert.True(wrapped.Add(Convert.ToHexString(parsed.WrappedKey.Span)), "wrapped key repeated");
        }

        Assert.Equal(300, recording.DataKeys.Distinct().Count());
        Assert.All(recording.DataKeys, k => Assert.Equal(64, k.Length));
    }

    [Fact]
    public async Task LocalKey_EncryptWithOneInstance_DecryptWithAnotherLoadedFromPem()
    {
        using var writer = LocalRsaKeyEncryptionKey.FromPem(LocalKey.ExportPrivateKeyPem());
        using var reader = LocalRsaKeyEncryptionKey.FromPem(LocalKey.ExportPrivateKeyPem());
        var envelope = await new EnvelopeEncryptor(writer).EncryptAsync("local"u8.ToArray(), Context, Ct);

        var result = await new EnvelopeDecryptor(new KeyEncryptionKeyRing([reader])).DecryptAsync(envelope, Context, Ct);

        Assert.Equal("local"u8.ToArray(), result.Plaintext);
    }

    [Fact]
    public async Task KeyVaultKey_EncryptWithOneClient_DecryptWithAnotherClientThroughTheResolver()
    {
        using var vault = new FakeKeyVault();
        vault.AddRsaKey("records", 3072);
        var writerKey = await KeyVaultKeyEncryptionKey.CreateAsync(vault.CreateClient(), "records", cancellationToken: Ct);
        var envelope = await new EnvelopeEncryptor(writerKey).EncryptAsync("vault"u8.ToArray(), Context, Ct);

        var readerResolver = new KeyVaultKeyEncryptionKeyResolver(vault.CreateClient());
        var result = await new EnvelopeDecryptor(readerResolver).DecryptAsync(envelope, Context, Ct);

        Assert.True(result.Succeeded, result.Failure?.Detail);
        Assert.Equal("vault"u8.ToArray(), result.Plaintext);
        Assert.Equal(writerKey.KeyId, result.KeyId);
        Assert.Empty(vault.Violations);
    }

    [Fact]
    public async Task OneRing_DecryptsEnvelopesOfLocalAndKeyVaultKeys()
    {
        using var vault = new FakeKeyVault();
        vault.AddRsaKey("records");
        var vaultKey = await KeyVaultKeyEncryptionKey.CreateAsync(vault.CreateClient(), "records", cancellationToken: Ct);
        var fromVault = await new EnvelopeEncryptor(vaultKey).EncryptAsync("a"u8.ToArray(), Context, Ct);
        var fromLocal = await new EnvelopeEncryptor(LocalKey).EncryptAsync("b"u8.ToArray(), Context, Ct);
        var decryptor = new EnvelopeDecryptor(new KeyEncryptionKeyRing([LocalKey], new KeyVaultKeyEncryptionKeyResolver(vault.CreateClient())));

        Assert.Equal("a"u8.ToArray(), (await decryptor.DecryptAsync(fromVault, Context, Ct)).Plaintext);
        Assert.Equal("b"u8.ToArray(), (await decryptor.DecryptAsync(fromLocal, Context, Ct)).Plaintext);
    }

    [Fact]
    public async Task KeyVault_RecordedVersionDeleted_UnknownKey()
    {
        using var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("records");
        var client = vault.CreateClient();
        var envelope = await new EnvelopeEncryptor(new KeyVaultKeyEncryptionKey(client, kid)).EncryptAsync("x"u8.ToArray(), Context, Ct);
        vault.DeleteVersion(kid);

        var result = await new EnvelopeDecryptor(new KeyVaultKeyEncryptionKeyResolver(client)).DecryptAsync(envelope, Context, Ct);

        Assert.Equal(EnvelopeFailureKind.UnknownKey, result.Failure?.Kind);
    }

    [Fact]
    public async Task KeyVault_KeyIdSwappedToAnotherKeyOfTheVault_KeyUnwrapFailed()
    {
        using var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("records");
        var client = vault.CreateClient();
        var envelope = await new EnvelopeEncryptor(new KeyVaultKeyEncryptionKey(client, kid)).EncryptAsync("x"u8.ToArray(), Context, Ct);
        var other = vault.AddRsaKey("records"); // same name, new version: the ids have equal length
        var swapped = envelope.ToArray();
        System.Text.Encoding.ASCII.GetBytes(other.ToString()).CopyTo(swapped.AsSpan(3));

        var result = await new EnvelopeDecryptor(new KeyVaultKeyEncryptionKeyResolver(client)).DecryptAsync(swapped, Context, Ct);

        Assert.Equal(EnvelopeFailureKind.KeyUnwrapFailed, result.Failure?.Kind);
    }

    [Fact]
    public async Task DataKeyCache_ReadBackWithinTtl_SkipsKeyVaultThenUnwrapsAgainAfterAbsoluteExpiry()
    {
        using var vault = new FakeKeyVault();
        var kid = vault.AddRsaKey("records");
        var client = vault.CreateClient();
        var clock = new FakeTimeProvider();
        using var cache = new DataKeyCache(new DataKeyCacheOptions { TimeToLive = TimeSpan.FromMinutes(1) }, clock);
        var envelope = await new EnvelopeEncryptor(new KeyVaultKeyEncryptionKey(client, kid), cache).EncryptAsync("x"u8.ToArray(), Context, Ct);
        var decryptor = new EnvelopeDecryptor(new KeyVaultKeyEncryptionKeyResolver(client), cache);
        int Unwraps() => vault.Requests.Count(r => r.Path.EndsWith("/unwrapkey", StringComparison.Ordinal));

        Assert.True((await decryptor.DecryptAsync(envelope, Context, Ct)).Succeeded);
        Assert.True((await decryptor.DecryptAsync(envelope, Context, Ct)).Succeeded);
        Assert.Equal(0, Unwraps());

        // The time to live is absolute: a read at 30 s does not extend it.
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await decryptor.DecryptAsync(envelope, Context, Ct)).Succeeded);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await decryptor.DecryptAsync(envelope, Context, Ct)).Succeeded);
        Assert.Equal(1, Unwraps());
        Assert.True((await decryptor.DecryptAsync(envelope, Context, Ct)).Succeeded);
        Assert.Equal(1, Unwraps());
    }

    /// <summary>Wraps another key but reports a different id (an impostor for the recorded key id).</summary>
    private sealed class RenamedKey(IKeyEncryptionKey inner, string keyId) : IKeyEncryptionKey
    {
        public string KeyId => keyId;

        public byte[] WrapKey(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default) => inner.WrapKey(algorithm, key, cancellationToken);

        public Task<byte[]> WrapKeyAsync(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default) => inner.WrapKeyAsync(algorithm, key, cancellationToken);

        public byte[] UnwrapKey(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default) => inner.UnwrapKey(algorithm, encryptedKey, cancellationToken);

        public Task<byte[]> UnwrapKeyAsync(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default) => inner.UnwrapKeyAsync(algorithm, encryptedKey, cancellationToken);
    }

    /// <summary>Records (as hex) every data key it is asked to wrap.</summary>
    private sealed class RecordingKey(IKeyEncryptionKey inner) : IKeyEncryptionKey
    {
        public List<string> DataKeys { get; } = [];

        public string KeyId => inner.KeyId;

        public byte[] WrapKey(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<byte[]> WrapKeyAsync(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
        {
            DataKeys.Add(Convert.ToHexString(key.Span));
            return inner.WrapKeyAsync(algorithm, key, cancellationToken);
        }

        public byte[] UnwrapKey(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<byte[]> UnwrapKeyAsync(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class FixedResolver(IKeyEncryptionKey key) : IKeyEncryptionKeyResolver
    {
        public IKeyEncryptionKey Resolve(string keyId, CancellationToken cancellationToken = default) => key;

        public Task<IKeyEncryptionKey> ResolveAsync(string keyId, CancellationToken cancellationToken = default) => Task.FromResult(key);
    }
}
