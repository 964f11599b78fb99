using System.Text.Json;
using MedLedger.Ledger.Entries;

namespace MedLedger.Cli.Records;

/// <summary>What a <c>record.created</c> entry commits to: the record's blob and the SHA-256 of the bytes stored in it.</summary>
/// <param name="Index">The entry's index in the log.</param>
/// <param name="RecordId">The record id, or null when the entry does not carry a readable one.</param>
/// <param name="BlobName">The blob the entry names, or null when it names none.</param>
/// <param name="CiphertextSha256">The committed SHA-256 (64 lowercase hex digits), or null when it is missing or malformed.</param>
/// <remarks>The data members are the app's (docs/ledger-events.md, <c>record.created</c>); other members are ignored.</remarks>
internal sealed record RecordCreation(long Index, string? RecordId, string? BlobName, string? CiphertextSha256)
{
    /// <summary>The entry type of record creations.</summary>
    public const string EntryType = "record.created";

    /// <summary>Gets whether the entry names a blob and commits to a well-formed hash of it.</summary>
    public bool IsComplete => RecordId is not null && BlobName is not null && CiphertextSha256 is not null;

    /// <summary>Reads the creation facts of <paramref name="entry"/>; null when it is not a record creation.</summary>
    public static RecordCreation? From(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Type != EntryType)
        {
            return null;
        }

        var data = entry.Data;
        var sha256 = Text(data, "ciphertextSha256");
        return new RecordCreation(
            entry.Sequence,
            Text(data, "recordId") is { Length: > 0 } recordId ? recordId : null,
            Text(data, "blobName") is { Length: > 0 } blobName ? blobName : null,
            sha256 is { Length: 64 } && sha256.All(char.IsAsciiHexDigitLower) ? sha256 : null);
    }

    private static string? Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
