using System.Text;
using MedLedger.Cli.Reporting;
using MedLedger.Ledger.Checkpoints;

namespace MedLedger.Cli.Inputs;

/// <summary>Reads signed checkpoint files: the exact bytes of one C2SP signed note each.</summary>
internal static class CheckpointFiles
{
    /// <summary>The largest checkpoint file read (the longest note the parser accepts, in UTF-8).</summary>
    public const int MaxBytes = SignedNote.MaxLength * 3;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads one checkpoint file as text.</summary>
    /// <returns>The note text, or null when the bytes are not UTF-8 (then <paramref name="problem"/> says so).</returns>
    /// <exception cref="CommandLineException">The file is missing, unreadable or too large.</exception>
    public static async Task<(string? Text, string? Problem)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await InputFiles.ReadAllBytesAsync(path, "checkpoint file", MaxBytes, cancellationToken).ConfigureAwait(false);
        try
        {
            return (StrictUtf8.GetString(bytes), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, $"The checkpoint file '{path}' is not UTF-8 text, so it is not a signed note.");
        }
    }
}
