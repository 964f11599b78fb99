namespace MedLedger.Testing.KeyVault;

/// <summary>Thrown by <see cref="FakeKeyVault"/> when a request does not follow the Key Vault REST reference.</summary>
/// <remarks>Deliberately not an <see cref="HttpRequestException"/>, so Azure.Core never retries it and the test fails loudly.</remarks>
public sealed class KeyVaultProtocolViolationException(string message) : InvalidOperationException(message);
