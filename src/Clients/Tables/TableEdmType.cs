namespace MedLedger.Clients.Tables;

/// <summary>The Entity Data Model types a table property can have (Table service data model).</summary>
public enum TableEdmType
{
    /// <summary><c>Edm.String</c>: UTF-16 text up to 64 KiB (32 K characters).</summary>
    String,

    /// <summary><c>Edm.Int32</c>.</summary>
    Int32,

    /// <summary><c>Edm.Int64</c> (sent as a JSON string with an <c>@odata.type</c> annotation).</summary>
    Int64,

    /// <summary><c>Edm.Double</c>.</summary>
    Double,

    /// <summary><c>Edm.Boolean</c>.</summary>
    Boolean,

    /// <summary><c>Edm.Binary</c>: bytes up to 64 KiB (sent as base64).</summary>
    Binary,

    /// <summary><c>Edm.DateTime</c>: a UTC instant with 100 ns precision, from 1601-01-01.</summary>
    DateTime,

    /// <summary><c>Edm.Guid</c>.</summary>
    Guid,
}
