using System.Globalization;

namespace MedLedger.Clients.Tables;

/// <summary>Builds OData <c>$filter</c> expressions with correctly quoted literals, so values cannot change the
/// filter's meaning (strings with quotes, for instance).</summary>
public static class TableFilter
{
    /// <summary>Formats <paramref name="filter"/>, turning each interpolated value into an OData literal:
    /// strings <c>'a''b'</c>, Int32 <c>5</c>, Int64 <c>5L</c>, doubles, booleans, <c>datetime'…'</c>,
    /// <c>guid'…'</c>, binary <c>X'…'</c>.</summary>
    /// <example><c>TableFilter.Create($"PartitionKey eq {log} and RowKey ge {from}")</c></example>
    /// <exception cref="ArgumentException">An argument is null or of an unsupported type.</exception>
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var literals = filter.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    /// <summary>Formats one value as an OData v3 literal.</summary>
    public static string Literal(object? value) => value switch
    {
        null => throw new ArgumentException("Filter values may not be null: compare against a typed value.", nameof(value)),
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d when double.IsFinite(d) => DoubleLiteral(d),
        bool b => b ? "true" : "false",
        DateTimeOffset t => "datetime'" + t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        ReadOnlyMemory<byte> memory => "X'" + Convert.ToHexStringLower(memory.Span) + "'",
        TableValue tv => Literal(tv.Type == TableEdmType.Binary ? tv.AsBinary() : tv.Value),
        _ => throw new ArgumentException($"Filter values of type {value.GetType().Name} are not supported.", nameof(value)),
    };

    // A double literal needs a '.' or an exponent, or the service reads it as Int32.
    private static string DoubleLiteral(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".eE") < 0 ? text + ".0" : text;
    }
}
