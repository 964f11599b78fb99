namespace MedLedger.Clients.Tables;

/// <summary>Property name rules: C#-identifier-like (letter or underscore first, then letters, digits and
/// underscores), at most 255 characters, not a system property name.</summary>
internal static class TablePropertyNames
{
    private static readonly HashSet<string> s_reserved = new(StringComparer.OrdinalIgnoreCase) { "PartitionKey", "RowKey", "Timestamp", "ETag" };

    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var valid = name.Length is > 0 and <= TableLimits.MaxPropertyNameLength
            && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        if (!valid)
        {
            throw new ArgumentException(
                $"Property name '{name}' is invalid: use 1-{TableLimits.MaxPropertyNameLength} ASCII letters, digits and underscores, not starting with a digit.",
                nameof(name));
        }

        if (s_reserved.Contains(name))
        {
            throw new ArgumentException($"Property name '{name}' is reserved for a system property.", nameof(name));
        }
    }
}
