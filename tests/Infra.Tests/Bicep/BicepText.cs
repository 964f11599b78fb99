using System.Text;

namespace MedLedger.Infra.Tests.Bicep;

/// <summary>
/// Bicep source with its strings and comments masked, so brackets, separators and keywords can be found by
/// position without being fooled by a <c>{</c> inside a string or a comment. Positions are the same in the
/// original and the masked text: values are read from the original, structure from the mask.
/// </summary>
/// <remarks>
/// Masking rules follow the Bicep grammar: <c>// line</c> and <c>/* block */</c> comments; <c>'...'</c> strings with
/// <c>\</c> escapes and <c>${...}</c> interpolations (which may hold further strings); <c>'''...'''</c> verbatim
/// multi-line strings. The string's quotes stay visible; its content becomes spaces (newlines are kept).
/// </remarks>
internal sealed class BicepText
{
    public BicepText(string source)
    {
        Source = source.Replace("\r\n", "\n", StringComparison.Ordinal);
        Masked = Mask(Source, blankStrings: true);
        WithoutComments = Mask(Source, blankStrings: false);
    }

    public string Source { get; }

    /// <summary>The source with comments and string contents blanked: structure only.</summary>
    public string Masked { get; }

    /// <summary>The source with comments blanked and strings intact: where values are read from.</summary>
    public string WithoutComments { get; }

    /// <summary>The index of the bracket that closes the one at <paramref name="open"/>.</summary>
    public int MatchingClose(int open)
    {
        var depth = 0;
        for (var i = open; i < Masked.Length; i++)
        {
            switch (Masked[i])
            {
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        throw new FormatException($"unbalanced bracket opened at offset {open}: {Excerpt(open)}");
    }

    /// <summary>The end (exclusive) of the statement starting at <paramref name="start"/>: the first newline outside brackets.</summary>
    public int StatementEnd(int start)
    {
        var depth = 0;
        for (var i = start; i < Masked.Length; i++)
        {
            switch (Masked[i])
            {
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case '\n' when depth == 0:
                    return i;
            }
        }

        return depth == 0 ? Masked.Length : throw new FormatException($"unbalanced brackets in statement: {Excerpt(start)}");
    }

    /// <summary>The 1-based line number of an offset, for messages.</summary>
    public int LineOf(int offset) => Source.AsSpan(0, Math.Min(offset, Source.Length)).Count('\n') + 1;

    public string Excerpt(int offset) =>
        Source.Substring(offset, Math.Min(60, Source.Length - offset)).Replace('\n', ' ');

    private static string Mask(string source, bool blankStrings)
    {
        var masked = new StringBuilder(source);
        var i = 0;
        while (i < source.Length)
        {
            if (At(source, i, "//"))
            {
                while (i < source.Length && source[i] != '\n')
                {
                    masked[i++] = ' ';
                }
            }
            else if (At(source, i, "/*"))
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? source.Length : end + 2;
                Blank(masked, source, i, end);
                i = end;
            }
            else if (At(source, i, "'''"))
            {
                var end = source.IndexOf("'''", i + 3, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FormatException($"unterminated multi-line string at offset {i}");
                }

                if (blankStrings)
                {
                    Blank(masked, source, i + 3, end);
                }

                i = end + 3;
            }
            else if (source[i] == '\'')
            {
                var end = StringEnd(source, i);
                if (blankStrings)
                {
                    Blank(masked, source, i + 1, end);
                }

                i = end + 1;
            }
            else
            {
                i++;
            }
        }

        return masked.ToString();
    }

    /// <summary>The index of the quote that closes the string opened at <paramref name="open"/>.</summary>
    private static int StringEnd(string source, int open)
    {
        var i = open + 1;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '\\')
            {
                i += 2;
            }
            else if (c == '\'')
            {
                return i;
            }
            else if (At(source, i, "${"))
            {
                i = InterpolationEnd(source, i + 2) + 1;
            }
            else if (c == '\n')
            {
                break;
            }
            else
            {
                i++;
            }
        }

        throw new FormatException($"unterminated string at offset {open}");
    }

    /// <summary>The index of the <c>}</c> that ends an interpolation whose expression starts at <paramref name="start"/>.</summary>
    private static int InterpolationEnd(string source, int start)
    {
        var depth = 0;
        var i = start;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '\'')
            {
                i = StringEnd(source, i) + 1;
                continue;
            }

            if (c is '{' or '(' or '[')
            {
                depth++;
            }
            else if (c is ')' or ']')
            {
                depth--;
            }
            else if (c == '}')
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
            }

            i++;
        }

        throw new FormatException($"unterminated interpolation at offset {start}");
    }

    private static bool At(string source, int index, string token) =>
        string.CompareOrdinal(source, index, token, 0, token.Length) == 0;

    private static void Blank(StringBuilder masked, string source, int from, int to)
    {
        for (var j = from; j < to; j++)
        {
            if (source[j] != '\n')
            {
                masked[j] = ' ';
            }
        }
    }
}
