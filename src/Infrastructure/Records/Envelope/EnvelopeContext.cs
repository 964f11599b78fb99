using System.Buffers.Binary;
using System.Text;

namespace MedLedger.Infrastructure.Records.Envelope;

/// <summary>Where a record belongs: bound into the envelope's AAD so a ciphertext cannot be moved to another record.</summary>
/// <remarks>Each field is encoded as a 2-byte big-endian length and its UTF-8 bytes, so no two contexts encode alike.</remarks>
/// <threadsafety>Immutable; safe for concurrent use.</threadsafety>
public sealed record EnvelopeContext
{
    /// <summary>The most UTF-8 bytes a context field may have.</summary>
    public const int MaxFieldLength = 1024;

    /// <summary>Creates a context; every field must be non-empty and at most <see cref="MaxFieldLength"/> UTF-8 bytes.</summary>
    /// <param name="logName">The ledger log the record's events go to.</param>
    /// <param name="recordId">The record id.</param>
    /// <param name="patientPseudonym">The patient pseudonym (never the patient id itself).</param>
    /// <exception cref="ArgumentException">A field is empty or too long.</exception>
    public EnvelopeContext(string logName, string recordId, string patientPseudonym)
    {
        LogName = Check(logName, nameof(logName));
        RecordId = Check(recordId, nameof(recordId));
        PatientPseudonym = Check(patientPseudonym, nameof(patientPseudonym));
    }

    /// <summary>Gets the log name.</summary>
    public string LogName { get; }

    /// <summary>Gets the record id.</summary>
    public string RecordId { get; }

    /// <summary>Gets the patient pseudonym.</summary>
    public string PatientPseudonym { get; }

    /// <summary>Gets the number of bytes <see cref="Write"/> produces.</summary>
    internal int EncodedLength => 6 + Encoding.UTF8.GetByteCount(LogName) + Encoding.UTF8.GetByteCount(RecordId) + Encoding.UTF8.GetByteCount(PatientPseudonym);

    /// <summary>Writes the length-prefixed fields (log name, record id, pseudonym) and returns the remaining span.</summary>
    internal Span<byte> Write(Span<byte> destination)
    {
        foreach (var field in (ReadOnlySpan<string>)[LogName, RecordId, PatientPseudonym])
        {
            var length = Encoding.UTF8.GetBytes(field, destination[2..]);
            BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)length);
            destination = destination[(2 + length)..];
        }

        return destination;
    }

    private static string Check(string value, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        if (Encoding.UTF8.GetByteCount(value) > MaxFieldLength)
        {
            throw new ArgumentException($"The {name} must be at most {MaxFieldLength} UTF-8 bytes.", name);
        }

        return value;
    }
}
