namespace MedLedger.Infrastructure.Keys;

/// <summary>What <see cref="DevelopmentKeyDirectory.CreateAsync"/> did.</summary>
/// <param name="Created">True when new keys were written; false when key files already existed and nothing was written.</param>
/// <param name="Directory">The full path of the key directory.</param>
/// <param name="Files">The files created, or (when <paramref name="Created"/> is false) the existing files that blocked creation.</param>
/// <param name="WrappingKeyId">The new wrapping key's id (<c>local:wrapping-key/…</c>), or null when nothing was created.</param>
/// <param name="SigningKeyFingerprint">The new signing key's fingerprint (SHA-256 of its SubjectPublicKeyInfo, hex, first 16 bytes), or null.</param>
public sealed record DevelopmentKeyCreationResult(
    bool Created,
    string Directory,
    IReadOnlyList<string> Files,
    string? WrappingKeyId,
    string? SigningKeyFingerprint);
