namespace MedLedger.Clients.Tables;

/// <summary>Checks property values and the entity size against the service limits before sending.</summary>
internal static class TableEntityValidator
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the entity and property at fault.</summary>
    public static void Validate(TableEntity entity, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(entity, parameterName);
        foreach (var (name, value) in entity.Properties)
        {
            string? problem = value.Type switch
            {
                TableEdmType.String when value.AsString().Length > TableLimits.MaxStringLength =>
                    $"is {value.AsString().Length} characters; a string property holds at most {TableLimits.MaxStringLength}",
                TableEdmType.String when HasUnpairedSurrogate(value.AsString()) => "contains an unpaired surrogate (not valid UTF-16)",
                TableEdmType.Binary when value.AsBinary().Length > TableLimits.MaxBinaryBytes =>
                    $"is {value.AsBinary().Length} bytes; a binary property holds at most {TableLimits.MaxBinaryBytes}",
                TableEdmType.DateTime when value.AsDateTime() < TableLimits.MinDateTime =>
                    $"is before {TableLimits.MinDateTime:yyyy-MM-dd}, the earliest date the service stores",
                _ => null,
            };
            if (problem is not null)
            {
                throw new ArgumentException($"Entity ({entity.PartitionKey}, {entity.RowKey}): property '{name}' {problem}.", parameterName);
            }
        }

        var size = Size(entity);
        if (size > TableLimits.MaxEntityBytes)
        {
            throw new ArgumentException(
                $"Entity ({entity.PartitionKey}, {entity.RowKey}) is {size} bytes by the service's size formula; the limit is {TableLimits.MaxEntityBytes} (1 MiB).",
                parameterName);
        }
    }

    private static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The entity size by the service's formula: 4 + 2 × (key lengths) + Σ (8 + 2 × name length + value size).</summary>
    /// <remarks>"Understanding the Table service data model", entity size. Value sizes: string 4 + 2 × length,
    /// binary 4 + length, Int32 4, Int64/Double/DateTime 8, Boolean 1, Guid 16.</remarks>
    public static long Size(TableEntity entity)
    {
        long size = 4 + (2L * entity.PartitionKey.Length) + (2L * entity.RowKey.Length);
        foreach (var (name, value) in entity.Properties)
        {
            size += 8 + (2L * name.Length) + value.Type switch
            {
                TableEdmType.String => 4 + (2L * value.AsString().Length),
                TableEdmType.Binary => 4 + value.AsBinary().Length,
                TableEdmType.Int32 => 4,
                TableEdmType.Int64 or TableEdmType.Double or TableEdmType.DateTime => 8,
                TableEdmType.Boolean => 1,
                TableEdmType.Guid => 16,
                _ => throw new ArgumentOutOfRangeException(nameof(entity), value.Type, "Unknown EDM type."),
            };
        }

        return size;
    }
}
