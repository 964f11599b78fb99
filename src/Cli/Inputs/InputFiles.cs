using MedLedger.Cli.Reporting;

namespace MedLedger.Cli.Inputs;

/// <summary>Opens and reads the files a verb is given, turning every I/O failure into a one-line message naming the file.</summary>
internal static class InputFiles
{
    /// <summary>Opens <paramref name="path"/> for one sequential read (for streaming large exports).</summary>
    /// <exception cref="CommandLineException">The file is missing or cannot be opened.</exception>
    public static FileStream OpenRead(string path, string what)
    {
        try
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                Options = FileOptions.SequentialScan | FileOptions.Asynchronous,
                BufferSize = 0, // the reader has its own 1 MiB buffer
            });
        }
        catch (Exception exception) when (IsFileProblem(exception))
        {
            throw Explain(path, what, exception);
        }
    }

    /// <summary>Reads a small file completely, refusing files larger than <paramref name="maxBytes"/>.</summary>
    /// <exception cref="CommandLineException">The file is missing, unreadable or too large.</exception>
    public static async Task<byte[]> ReadAllBytesAsync(string path, string what, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                if (stream.Length > maxBytes)
                {
                    throw new CommandLineException($"The {what} '{path}' is larger than {maxBytes:N0} bytes; it cannot be a {what}.");
                }

                var bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
                return bytes;
            }
        }
        catch (Exception exception) when (IsFileProblem(exception))
        {
            throw Explain(path, what, exception);
        }
    }

    /// <summary>Drops one final newline, so that a JSON document saved by an editor or <c>echo</c> reads as its exact bytes.</summary>
    public static ReadOnlySpan<byte> WithoutFinalNewline(ReadOnlySpan<byte> bytes) =>
        bytes.Length > 0 && bytes[^1] == (byte)'\n' ? bytes[..^1] : bytes;

    public static bool IsFileProblem(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException;

    public static CommandLineException Explain(string path, string what, Exception exception) => exception switch
    {
        _ when Directory.Exists(path) => new CommandLineException($"The {what} '{path}' is a directory, not a file.", exception),
        FileNotFoundException => new CommandLineException($"The {what} '{path}' does not exist.", exception),
        DirectoryNotFoundException => new CommandLineException($"The {what} '{path}' does not exist (its directory is missing).", exception),
        UnauthorizedAccessException => new CommandLineException($"The {what} '{path}' cannot be read: permission denied.", exception),
        _ => new CommandLineException($"The {what} '{path}' cannot be read: {exception.Message}", exception),
    };
}
