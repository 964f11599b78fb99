namespace MedLedger.Clients.Storage;

/// <summary>A storage connection setting is missing, malformed or contradicts another one.</summary>
/// <remarks>Messages name the setting, never its value (values may hold account keys).</remarks>
public sealed class StorageConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageConnectionException()
    {
    }

    /// <summary>Creates the exception with a message naming the setting at fault.</summary>
    public StorageConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public StorageConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
