namespace MedLedger.Testing.Azurite;

/// <summary>Fresh, valid resource names, so tests sharing one Azurite never collide.</summary>
public static class UniqueNames
{
    /// <summary>A container name: lowercase letters and digits.</summary>
    public static string Container(string prefix = "c") => prefix + Suffix();

    /// <summary>A queue name, short enough to leave room for <c>-poison</c>.</summary>
    public static string Queue(string prefix = "q") => prefix + Suffix();

    /// <summary>A table name: letters and digits, starting with a letter.</summary>
    public static string Table(string prefix = "t") => prefix + Suffix();

    private static string Suffix() => Guid.NewGuid().ToString("N")[..20];
}
