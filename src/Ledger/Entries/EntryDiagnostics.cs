using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Entries;

/// <summary>
/// The slow, spec-literal path of entry parsing: runs only when <see cref="EntryScanner"/> rejects bytes, and says
/// precisely why.
/// </summary>
/// <remarks>
/// The checks run in a fixed order so that one input always gets the same answer: size, UTF-8 and JSON syntax; the
/// version; unknown, duplicate and missing fields; each field's value; and last the canonical form, found by writing
/// the parsed fields again and comparing bytes.
/// </remarks>
internal static class EntryDiagnostics
{
    private static readonly string[] FieldOrder = ["v", "log", "seq", "time", "type", "actor", "subject", "eventId", "data", "prev"];

    /// <summary>Explains why <paramref name="bytes"/> is not a valid entry; <see langword="null"/> if it is one.</summary>
    public static EntryParseResult? Diagnose(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return EntryParseResult.Failure(EntryParseError.Empty, "The entry is empty.");
        }

        if (bytes.Length > EntryFormat.MaxEntryBytes)
        {
            return EntryParseResult.Failure(
                EntryParseError.TooLarge,
                Invariant($"The entry is larger than {EntryFormat.MaxEntryBytes} bytes."));
        }

        if (!Utf8.IsValid(bytes))
        {
            return EntryParseResult.Failure(EntryParseError.MalformedJson, "The entry is not valid UTF-8.");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return EntryParseResult.Failure(EntryParseError.MalformedJson, "The entry starts with a byte order mark.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            return EntryParseResult.Failure(EntryParseError.MalformedJson, "The entry is not well-formed JSON: " + exception.Message);
        }

        using (document)
        {
            try
            {
                return Diagnose(bytes, document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // Reading a name or string that escapes an unpaired surrogate: valid JSON syntax, but not text.
                return EntryParseResult.Failure(EntryParseError.MalformedJson, "The entry has a string with an unpaired surrogate escape.");
            }
        }
    }

    private static EntryParseResult? Diagnose(ReadOnlySpan<byte> bytes, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return EntryParseResult.Failure(EntryParseError.MalformedJson, "The entry is not a JSON object.");
        }

        var members = root.EnumerateObject().ToList();
        var version = members.FindIndex(m => m.Name == "v");
        if (version < 0)
        {
            return EntryParseResult.Failure(EntryParseError.UnsupportedVersion, "The entry has no version field \"v\".", "v");
        }

        var versionValue = members[version].Value;
        if (versionValue.ValueKind != JsonValueKind.Number || versionValue.GetRawText() != "1")
        {
            return EntryParseResult.Failure(
                EntryParseError.UnsupportedVersion,
                $"The entry has version {versionValue.GetRawText()}; this library reads version {EntryFormat.Version}.",
                "v");
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (Array.IndexOf(FieldOrder, member.Name) < 0)
            {
                return EntryParseResult.Failure(EntryParseError.UnknownField, $"The field \"{member.Name}\" is not part of version 1.", member.Name);
            }

            if (!fields.TryAdd(member.Name, member.Value))
            {
                return EntryParseResult.Failure(EntryParseError.DuplicateField, $"The field \"{member.Name}\" appears more than once.", member.Name);
            }
        }

        foreach (var name in FieldOrder)
        {
            if (!fields.ContainsKey(name))
            {
                return EntryParseResult.Failure(EntryParseError.MissingField, $"The field \"{name}\" is missing.", name);
            }
        }

        var sequenceCheck = CheckSequence(fields["seq"], out var sequence);
        var timeCheck = CheckTime(fields["time"], out var time);
        var prevCheck = CheckPrev(fields["prev"], out var prev);
        var invalid = CheckIdentifier(fields, "log", EntryFormat.IsValidLogName, "a log name")
            ?? sequenceCheck
            ?? timeCheck
            ?? CheckIdentifier(fields, "type", EntryFormat.IsValidEventType, "an event type")
            ?? CheckIdentifier(fields, "actor", EntryFormat.IsValidIdentifier, "an identifier")
            ?? CheckIdentifier(fields, "subject", EntryFormat.IsValidSubject, "empty or an identifier")
            ?? CheckIdentifier(fields, "eventId", EntryFormat.IsValidIdentifier, "an identifier")
            ?? CheckData(fields["data"])
            ?? prevCheck;
        if (invalid is not null)
        {
            return invalid;
        }

        if (!members.Select(m => m.Name).SequenceEqual(FieldOrder))
        {
            return EntryParseResult.Failure(
                EntryParseError.NonCanonical,
                "The fields are not in the canonical order " + string.Join(", ", FieldOrder) + ".");
        }

        var canonical = EntryWriter.Write(
            fields["log"].GetString()!,
            sequence,
            time,
            fields["type"].GetString()!,
            fields["actor"].GetString()!,
            fields["subject"].GetString()!,
            fields["eventId"].GetString()!,
            CanonicalJson.Serialize(fields["data"]),
            prev);
        var difference = bytes.CommonPrefixLength(canonical);
        if (difference == bytes.Length && difference == canonical.Length)
        {
            return null;
        }

        return EntryParseResult.Failure(
            EntryParseError.NonCanonical,
            Invariant($"The entry is not in canonical form: it differs from the canonical encoding at byte {difference} (whitespace, escapes, number form or the order of data members)."));
    }

    private static EntryParseResult? CheckIdentifier(
        Dictionary<string, JsonElement> fields, string name, Func<string?, bool> rule, string description)
    {
        var value = fields[name];
        return value.ValueKind == JsonValueKind.String && rule(value.GetString())
            ? null
            : Invalid(name, $"is not {description}");
    }

    private static EntryParseResult? CheckSequence(JsonElement value, out long sequence)
    {
        sequence = 0;
        if (value.ValueKind != JsonValueKind.Number || !long.TryParse(value.GetRawText(), NumberStyles.None, CultureInfo.InvariantCulture, out sequence))
        {
            return Invalid("seq", "is not a non-negative integer that fits in 64 bits");
        }

        return null;
    }

    private static EntryParseResult? CheckTime(JsonElement value, out DateTimeOffset time)
    {
        time = default;
        if (value.ValueKind != JsonValueKind.String || !EntryTime.TryParse(System.Text.Encoding.UTF8.GetBytes(value.GetString()!), out time))
        {
            return Invalid("time", $"is not a UTC time in the form {EntryFormat.TimeFormat}");
        }

        return null;
    }

    private static EntryParseResult? CheckPrev(JsonElement value, out LedgerHash prev)
    {
        prev = default;
        if (value.ValueKind != JsonValueKind.String
            || !EntryScanner.TryDecodeHash(System.Text.Encoding.UTF8.GetBytes(value.GetString()!), out prev))
        {
            return Invalid("prev", "is not the canonical base64 of a 32-byte hash");
        }

        return null;
    }

    private static EntryParseResult? CheckData(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return Invalid("data", "is not a JSON object");
        }

        try
        {
            CanonicalJson.Serialize(value);
            return null;
        }
        catch (ArgumentException exception)
        {
            return Invalid("data", "cannot be canonical JSON: " + exception.Message);
        }
    }

    private static EntryParseResult Invalid(string field, string problem) =>
        EntryParseResult.Failure(EntryParseError.InvalidField, $"The field \"{field}\" {problem}.", field);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
