using System.Text;

namespace MedLedger.Cli.Reporting;

/// <summary>Prints verdicts: the first line of stdout is <c>valid: …</c> or <c>invalid: [where: ]fault: detail</c>.</summary>
/// <remarks>
/// Details can quote text from the input (log names, checkpoint lines), so every printed line has control characters
/// replaced: a hostile export must not be able to move the cursor or fake a second verdict line.
/// </remarks>
internal static class Verdict
{
    public static int Valid(TextWriter output, string summary, params IEnumerable<string> moreLines)
    {
        output.WriteLine("valid: " + OneLine(summary));
        WriteLines(output, moreLines);
        return ExitCodes.Success;
    }

    public static int Invalid(TextWriter output, string? location, string fault, string detail, params IEnumerable<string> moreLines)
    {
        var where = location is null ? string.Empty : location + ": ";
        output.WriteLine($"invalid: {where}{fault}: {OneLine(detail)}");
        WriteLines(output, moreLines);
        return ExitCodes.Invalid;
    }

    /// <summary>Makes <paramref name="text"/> safe to print as (part of) one line.</summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is '\n' or '\r' or '\t' ? ' ' : IsUnsafe(c) ? '?' : c);
        }

        return builder.ToString();
    }

    private static void WriteLines(TextWriter output, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            output.WriteLine(OneLine(line));
        }
    }

    // C0 and C1 controls (ANSI escapes start with ESC or CSI), DEL, and bidirectional overrides.
    private static bool IsUnsafe(char c) => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
