using Azure;

namespace MedLedger.Clients.Tables;

/// <summary>A table entity: keys, typed properties, and (once read or written) its ETag and timestamp.</summary>
/// <remarks>Keys are checked when the entity is created and property names when they are set; property sizes
/// and the entity size are checked before sending.</remarks>
public sealed class TableEntity
{
    private readonly Dictionary<string, TableValue> _properties = new(StringComparer.Ordinal);

    /// <summary>Creates an entity with no properties.</summary>
    /// <exception cref="ArgumentException">A key is invalid (see <see cref="TableKeys"/>).</exception>
    public TableEntity(string partitionKey, string rowKey)
    {
        TableKeys.Validate(partitionKey, nameof(partitionKey));
        TableKeys.Validate(rowKey, nameof(rowKey));
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>Gets the partition key.</summary>
    public string PartitionKey { get; }

    /// <summary>Gets the row key.</summary>
    public string RowKey { get; }

    /// <summary>Gets or sets the ETag the entity was read or written with (default when unknown).</summary>
    public ETag ETag { get; set; }

    /// <summary>Gets the server timestamp (set on entities read from the service).</summary>
    public DateTimeOffset? Timestamp { get; internal set; }

    /// <summary>Gets the properties other than PartitionKey, RowKey and Timestamp.</summary>
    public IReadOnlyDictionary<string, TableValue> Properties => _properties;

    /// <summary>Gets or sets a property.</summary>
    /// <exception cref="KeyNotFoundException">Getting a property the entity does not have.</exception>
    /// <exception cref="ArgumentException">Setting a property with an invalid name, or a 253rd property.</exception>
    public TableValue this[string name]
    {
        get => _properties.TryGetValue(name, out var value)
            ? value
            : throw new KeyNotFoundException($"Entity ({PartitionKey}, {RowKey}) has no property '{name}'.");
        set
        {
            TablePropertyNames.Validate(name);
            if (value.Equals(default(TableValue)))
            {
                throw new ArgumentException($"Property '{name}' needs a value; remove it instead.", nameof(value));
            }

            if (!_properties.ContainsKey(name) && _properties.Count >= TableLimits.MaxProperties)
            {
                throw new ArgumentException(
                    $"An entity has at most {TableLimits.MaxProperties} properties; '{name}' would be one too many.", nameof(name));
            }

            _properties[name] = value;
        }
    }

    /// <summary>Reads a property if present.</summary>
    public bool TryGetValue(string name, out TableValue value) => _properties.TryGetValue(name, out value);

    /// <summary>Removes a property; true when it was present.</summary>
    public bool Remove(string name) => _properties.Remove(name);

    /// <summary>Reads an <c>Edm.String</c> property.</summary>
    public string GetString(string name) => this[name].AsString();

    /// <summary>Reads an <c>Edm.Int32</c> property.</summary>
    public int GetInt32(string name) => this[name].AsInt32();

    /// <summary>Reads an <c>Edm.Int64</c> property.</summary>
    public long GetInt64(string name) => this[name].AsInt64();

    /// <summary>Reads an <c>Edm.Double</c> property.</summary>
    public double GetDouble(string name) => this[name].AsDouble();

    /// <summary>Reads an <c>Edm.Boolean</c> property.</summary>
    public bool GetBoolean(string name) => this[name].AsBoolean();

    /// <summary>Reads an <c>Edm.Binary</c> property.</summary>
    public ReadOnlyMemory<byte> GetBinary(string name) => this[name].AsBinary();

    /// <summary>Reads an <c>Edm.DateTime</c> property (UTC).</summary>
    public DateTimeOffset GetDateTime(string name) => this[name].AsDateTime();

    /// <summary>Reads an <c>Edm.Guid</c> property.</summary>
    public Guid GetGuid(string name) => this[name].AsGuid();

    /// <inheritdoc />
    public override string ToString() => $"TableEntity({PartitionKey}, {RowKey}, {_properties.Count} properties)";
}
