using System.Globalization;
using System.Text.Json;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Storage;

namespace MedLedger.Testing.Ledger;

/// <summary>Realistic entry drafts for tests: pseudonymous actors and subjects, record ids, ciphertext hashes.</summary>
public static class TestDrafts
{
    private static readonly string[] Types = ["record.created", "record.read", "access.denied", "consent.granted", "consent.revoked", "claim.verified"];

    /// <summary>Creates draft number <paramref name="number"/>; the same number always gives the same draft.</summary>
    /// <param name="number">Selects the content.</param>
    /// <param name="eventId">Overrides the event id (default <c>evt-{number}</c>).</param>
    /// <param name="subject">Overrides the subject (default one of 7 pseudonyms).</param>
    public static EntryDraft Create(int number, string? eventId = null, string? subject = null)
    {
        var recordId = string.Create(CultureInfo.InvariantCulture, $"rec-{number % 97:D6}");
        var data = JsonSerializer.SerializeToElement(new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["recordId"] = recordId,
            ["ciphertextSha256"] = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(number))),
            ["keyId"] = "https://kv.local/keys/kek/1",
            ["note"] = number % 5 == 0 ? "bröken \"quote\"\n" : "ok",
            ["bytes"] = number * 17,
        });
        return new EntryDraft(
            Types[number % Types.Length],
            string.Create(CultureInfo.InvariantCulture, $"clinic:org-{number % 3}/user-{number % 11}"),
            subject ?? string.Create(CultureInfo.InvariantCulture, $"pt:{number % 7:D4}"),
            eventId ?? string.Create(CultureInfo.InvariantCulture, $"evt-{number}"),
            data)
        {
            IndexKeys = [new LogIndexKey(LogIndexKind.Record, recordId)],
        };
    }
}
