using System.Text;
using MedLedger.Clients.Storage;

namespace MedLedger.Clients.Blobs;

/// <summary>Validates container names, blob names and metadata before any request is sent.</summary>
internal static class BlobNames
{
    /// <summary>Container names: 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    public static void ValidateContainer(string name) => ResourceNames.ValidateLowercaseName(name, "Container");

    /// <summary>Blob names: 1-1024 characters, no control characters or backslashes, '/'-separated non-empty segments,
    /// not ending in '.' (the service would drop it).</summary>
    public static void ValidateBlob(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        string? problem = null;
        if (blobName.Length is 0 or > BlobLimits.MaxBlobNameLength)
        {
            problem = $"it must be 1-{BlobLimits.MaxBlobNameLength} characters long";
        }
        else if (blobName.Any(c => char.IsControl(c) || c == '\\'))
        {
            problem = "it contains a control character or a backslash";
        }
        else if (blobName.Split('/').Any(s => s.Length == 0))
        {
            problem = "it has an empty '/'-separated segment";
        }
        else if (blobName.EndsWith('.') || blobName.Split('/').Any(s => s is "." or ".."))
        {
            problem = "it ends in '.' or has a '.' or '..' segment";
        }
        else if (blobName.Any(char.IsSurrogate) && !IsWellFormedUtf16(blobName))
        {
            problem = "it contains an unpaired surrogate";
        }

        if (problem is not null)
        {
            throw new ArgumentException($"Blob name is invalid: {problem}.", nameof(blobName));
        }
    }

    /// <summary>Escapes each '/'-separated segment of a blob name for the request path.</summary>
    public static string EscapePath(string blobName) =>
        string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString));

    /// <summary>Metadata: lowercase names (letter first, then letters and digits, at most 64), printable ASCII
    /// values without leading or trailing spaces, at most 8 KiB in all.</summary>
    /// <remarks>Lowercase names round-trip exactly (header names are case-insensitive) and sort the same way for
    /// every SharedKey implementation (shared/reference/azure-protocols.md §3.1, §3.3).</remarks>
    public static void ValidateMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        var total = 0;
        foreach (var (name, value) in metadata)
        {
            if (name is null || name.Length is 0 or > 64 || name[0] is < 'a' or > 'z'
                || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')))
            {
                throw new ArgumentException(
                    $"Metadata name '{name}' is invalid: use 1-64 lowercase letters and digits, starting with a letter.",
                    nameof(metadata));
            }

            if (value is null || !value.All(c => c is >= ' ' and <= '~') || value.Trim().Length != value.Length)
            {
                throw new ArgumentException(
                    $"Metadata value for '{name}' is invalid: use printable ASCII without leading or trailing spaces.",
                    nameof(metadata));
            }

            total += name.Length + value.Length;
        }

        if (total > BlobLimits.MaxMetadataBytes)
        {
            throw new ArgumentException(
                $"Metadata is {total} bytes; a blob carries at most {BlobLimits.MaxMetadataBytes} bytes of metadata.",
                nameof(metadata));
        }
    }

    /// <summary>Content types: printable ASCII, no line breaks (they would split the header).</summary>
    public static void ValidateContentType(string contentType)
    {
        if (contentType.Length == 0 || !contentType.All(c => c is >= ' ' and <= '~'))
        {
            throw new ArgumentException("Content type must be non-empty printable ASCII.", nameof(contentType));
        }
    }

    private static bool IsWellFormedUtf16(string value)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetByteCount(value);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
