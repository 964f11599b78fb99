using System.Globalization;

namespace MedLedger.Clients.Tables;

/// <summary>A typed table property value: one of the eight <see cref="TableEdmType"/> types, never null.</summary>
/// <remarks>Implicit conversions from the matching CLR types make <c>entity["Size"] = 42L</c> read naturally.
/// Reading with the wrong type is a programmer error and throws, naming both types.</remarks>
public readonly struct TableValue : IEquatable<TableValue>
{
    private readonly object _value;

    private TableValue(TableEdmType type, object value)
    {
        Type = type;
        _value = value;
    }

    /// <summary>Gets the value's EDM type.</summary>
    public TableEdmType Type { get; }

    /// <summary>Gets the boxed value: string, int, long, double, bool, ReadOnlyMemory&lt;byte&gt;, DateTimeOffset (UTC) or Guid.</summary>
    public object Value => _value ?? throw new InvalidOperationException("The table value is uninitialized (default).");

    /// <summary>Creates an <c>Edm.String</c> value.</summary>
    public static TableValue FromString(string value) => new(TableEdmType.String, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Creates an <c>Edm.Int32</c> value.</summary>
    public static TableValue FromInt32(int value) => new(TableEdmType.Int32, value);

    /// <summary>Creates an <c>Edm.Int64</c> value.</summary>
    public static TableValue FromInt64(long value) => new(TableEdmType.Int64, value);

    /// <summary>Creates an <c>Edm.Double</c> value.</summary>
    public static TableValue FromDouble(double value) => new(TableEdmType.Double, value);

    /// <summary>Creates an <c>Edm.Boolean</c> value.</summary>
    public static TableValue FromBoolean(bool value) => new(TableEdmType.Boolean, value);

    /// <summary>Creates an <c>Edm.Binary</c> value from a copy of <paramref name="value"/>.</summary>
    public static TableValue FromBinary(ReadOnlySpan<byte> value) => new(TableEdmType.Binary, new ReadOnlyMemory<byte>(value.ToArray()));

    /// <summary>Creates an <c>Edm.DateTime</c> value (converted to UTC).</summary>
    public static TableValue FromDateTime(DateTimeOffset value) => new(TableEdmType.DateTime, value.ToUniversalTime());

    /// <summary>Creates an <c>Edm.Guid</c> value.</summary>
    public static TableValue FromGuid(Guid value) => new(TableEdmType.Guid, value);

    /// <summary>Converts a string.</summary>
    public static implicit operator TableValue(string value) => FromString(value);

    /// <summary>Converts an int.</summary>
    public static implicit operator TableValue(int value) => FromInt32(value);

    /// <summary>Converts a long.</summary>
    public static implicit operator TableValue(long value) => FromInt64(value);

    /// <summary>Converts a double.</summary>
    public static implicit operator TableValue(double value) => FromDouble(value);

    /// <summary>Converts a bool.</summary>
    public static implicit operator TableValue(bool value) => FromBoolean(value);

    /// <summary>Converts (copies) a byte array.</summary>
    public static implicit operator TableValue(byte[] value) => FromBinary(value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Converts an instant.</summary>
    public static implicit operator TableValue(DateTimeOffset value) => FromDateTime(value);

    /// <summary>Converts a GUID.</summary>
    public static implicit operator TableValue(Guid value) => FromGuid(value);

    /// <summary>Reads an <c>Edm.String</c>.</summary>
    public string AsString() => As<string>(TableEdmType.String);

    /// <summary>Reads an <c>Edm.Int32</c>.</summary>
    public int AsInt32() => As<int>(TableEdmType.Int32);

    /// <summary>Reads an <c>Edm.Int64</c>.</summary>
    public long AsInt64() => As<long>(TableEdmType.Int64);

    /// <summary>Reads an <c>Edm.Double</c>.</summary>
    public double AsDouble() => As<double>(TableEdmType.Double);

    /// <summary>Reads an <c>Edm.Boolean</c>.</summary>
    public bool AsBoolean() => As<bool>(TableEdmType.Boolean);

    /// <summary>Reads an <c>Edm.Binary</c>.</summary>
    public ReadOnlyMemory<byte> AsBinary() => As<ReadOnlyMemory<byte>>(TableEdmType.Binary);

    /// <summary>Reads an <c>Edm.DateTime</c> (UTC).</summary>
    public DateTimeOffset AsDateTime() => As<DateTimeOffset>(TableEdmType.DateTime);

    /// <summary>Reads an <c>Edm.Guid</c>.</summary>
    public Guid AsGuid() => As<Guid>(TableEdmType.Guid);

    /// <inheritdoc />
    public bool Equals(TableValue other) =>
        Type == other.Type && (Type == TableEdmType.Binary
            ? AsBinary().Span.SequenceEqual(other.AsBinary().Span)
            : Equals(_value, other._value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TableValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        Type == TableEdmType.Binary ? HashCode.Combine(Type, AsBinary().Length) : HashCode.Combine(Type, _value);

    /// <summary>Compares two values.</summary>
    public static bool operator ==(TableValue left, TableValue right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    public static bool operator !=(TableValue left, TableValue right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => Type switch
    {
        TableEdmType.Binary => $"Edm.Binary({AsBinary().Length} bytes)",
        TableEdmType.DateTime => AsDateTime().ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(_value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private T As<T>(TableEdmType expected)
    {
        if (_value is null)
        {
            throw new InvalidOperationException("The table value is uninitialized (default).");
        }

        return Type == expected
            ? (T)_value
            : throw new InvalidOperationException($"The property is Edm.{Type}, not Edm.{expected}.");
    }
}
