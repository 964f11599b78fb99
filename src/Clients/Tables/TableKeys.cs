namespace MedLedger.Clients.Tables;

/// <summary>Validates PartitionKey and RowKey values and formats them for entity URLs.</summary>
/// <remarks>Disallowed: <c>/</c>, <c>\</c>, <c>#</c>, <c>?</c> and control characters U+0000–U+001F, U+007F–U+009F
/// ("Characters disallowed in key fields"); at most <see cref="TableLimits.MaxKeyLength"/> characters.</remarks>
public static class TableKeys
{
    /// <summary>Returns why <paramref name="key"/> is not a valid key, or null when it is.</summary>
    public static string? Problem(string? key)
    {
        if (key is null)
        {
            return "it is null";
        }

        if (key.Length > TableLimits.MaxKeyLength)
        {
            return $"it is {key.Length} characters long; the limit is {TableLimits.MaxKeyLength} (1 KiB of UTF-16)";
        }

        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is '/' or '\\' or '#' or '?')
            {
                return $"character {i} is '{c}', which keys may not contain (/ \\ # ?)";
            }

            if (c is <= '\u001F' or (>= '\u007F' and <= '\u009F'))
            {
                return $"character {i} is the control character U+{(int)c:X4}";
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < key.Length && char.IsLowSurrogate(key[++i])))
            {
                return $"character {i} is an unpaired surrogate";
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the parameter and the problem when the key is invalid.</summary>
    public static void Validate(string? key, string parameterName)
    {
        if (Problem(key) is { } problem)
        {
            throw new ArgumentException($"{parameterName} is not a valid table key: {problem}.", parameterName);
        }
    }

    /// <summary>Formats <c>(PartitionKey='…',RowKey='…')</c>: quotes doubled (OData literal), then percent-encoded.</summary>
    internal static string EntityPath(string partitionKey, string rowKey) =>
        $"(PartitionKey='{Escape(partitionKey)}',RowKey='{Escape(rowKey)}')";

    private static string Escape(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
}
