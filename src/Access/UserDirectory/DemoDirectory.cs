namespace MedLedger.Access.UserDirectory;

/// <summary>
/// The demo directory of local development mode (UserDirectory/DemoDirectory.json, embedded in the assembly):
/// <c>dr-ada</c> (clinician, clinic-a), <c>dr-bo</c> (clinician, clinic-b), <c>pat-1</c> (patient p-1 of clinic-a),
/// <c>ins-1</c> (insurer, insurer-x), <c>aud-1</c> (auditor), <c>admin-1</c> (admin); patient p-2 of clinic-b has no
/// user, so "another patient" exists for authorization tests.
/// </summary>
public static class DemoDirectory
{
    private const string ResourceName = "MedLedger.Access.UserDirectory.DemoDirectory.json";

    /// <summary>Gets the seed document's bytes.</summary>
    public static ReadOnlyMemory<byte> Json { get; } = ReadResource();

    /// <summary>Parses the demo seed (which is valid: a test proves it).</summary>
    public static DirectorySeed Load()
    {
        var result = DirectorySeed.Parse(Json.Span);
        return result.IsSuccess
            ? result.Seed
            : throw new InvalidOperationException($"The embedded demo directory is invalid: {result.Error}.");
    }

    private static byte[] ReadResource()
    {
        using var stream = typeof(DemoDirectory).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the assembly.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
