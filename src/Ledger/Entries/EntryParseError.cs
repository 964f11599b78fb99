namespace MedLedger.Ledger.Entries;

/// <summary>Why bytes are not a valid log entry.</summary>
public enum EntryParseError
{
    /// <summary>The bytes are a valid, canonical entry.</summary>
    None = 0,

    /// <summary>There are no bytes.</summary>
    Empty = 1,

    /// <summary>The entry is longer than <see cref="EntryFormat.MaxEntryBytes"/>.</summary>
    TooLarge = 2,

    /// <summary>The bytes are not a single well-formed UTF-8 JSON object.</summary>
    MalformedJson = 3,

    /// <summary>The entry declares a format version this library does not read (or none it can recognise).</summary>
    UnsupportedVersion = 4,

    /// <summary>A required field is absent.</summary>
    MissingField = 5,

    /// <summary>A field that version 1 does not define is present.</summary>
    UnknownField = 6,

    /// <summary>A field appears more than once.</summary>
    DuplicateField = 7,

    /// <summary>A field has the wrong JSON type or a value outside its rules.</summary>
    InvalidField = 8,

    /// <summary>
    /// Every field is valid but the bytes are not the one canonical encoding (field order, whitespace, escapes,
    /// key order inside <c>data</c>, number form).
    /// </summary>
    NonCanonical = 9,
}
