using System.Buffers.Binary;

namespace MedLedger.Ledger.Checkpoints;

/// <summary>One signature line of a C2SP signed note: <c>— &lt;key name&gt; base64(key id ‖ signature)</c>.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class NoteSignature
{
    private readonly byte[] _signature;

    /// <summary>Creates a signature line.</summary>
    /// <exception cref="ArgumentException">The key name is not a valid signed-note key name, or the signature is empty.</exception>
    public NoteSignature(string keyName, uint keyId, ReadOnlySpan<byte> signature)
    {
        if (!SignedNote.IsValidKeyName(keyName))
        {
            throw new ArgumentException($"'{keyName}' is not a valid key name (non-empty, no spaces, no '+').", nameof(keyName));
        }

        if (signature.IsEmpty)
        {
            throw new ArgumentException("The signature is empty.", nameof(signature));
        }

        KeyName = keyName;
        KeyId = keyId;
        _signature = signature.ToArray();
    }

    /// <summary>Gets the name of the key that made the signature.</summary>
    public string KeyName { get; }

    /// <summary>Gets the 32-bit key id (the first four bytes of the line's base64 payload, big-endian).</summary>
    public uint KeyId { get; }

    /// <summary>Gets the signature bytes (after the key id), as the signature algorithm produced them.</summary>
    public ReadOnlyMemory<byte> Signature => _signature;

    /// <summary>Returns the signature line without its final newline.</summary>
    public override string ToString()
    {
        var payload = new byte[4 + _signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(payload, KeyId);
        _signature.CopyTo(payload, 4);
        return SignedNote.SignatureLinePrefix + KeyName + " " + Convert.ToBase64String(payload);
    }
}
