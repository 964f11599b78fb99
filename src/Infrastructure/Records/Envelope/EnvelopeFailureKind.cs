namespace MedLedger.Infrastructure.Records.Envelope;

/// <summary>Why an envelope could not be decrypted. No kind ever comes with plaintext.</summary>
public enum EnvelopeFailureKind
{
    /// <summary>The first byte names a format version this code does not know.</summary>
    UnsupportedVersion = 1,

    /// <summary>The bytes do not follow the format: truncated, oversized or non-canonical fields, or trailing data.</summary>
    Malformed,

    /// <summary>The envelope names a wrap algorithm other than RSA-OAEP-256.</summary>
    UnsupportedWrapAlgorithm,

    /// <summary>No key encryption key is known for the recorded key id, or the key version no longer exists.</summary>
    UnknownKey,

    /// <summary>The key encryption key could not unwrap the data key: a wrong key, or the wrapped key was changed.</summary>
    KeyUnwrapFailed,

    /// <summary>AES-GCM authentication failed: the ciphertext, tag, nonce or header was changed, or the record context differs.</summary>
    IntegrityCheckFailed,
}
