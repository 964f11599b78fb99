using System.Text;
using System.Text.Json;

namespace MedLedger.Functions.Http;

/// <summary>
/// One pass over a JSON text that finds what the serializer reports poorly or not at all: syntax errors (with
/// their line), nesting deeper than <see cref="StrictJson.MaxDepth"/> and duplicate property names (with their path).
/// </summary>
internal static class StrictJsonScanner
{
    /// <summary>Returns <see langword="null"/> when the text is well-formed strict JSON, otherwise the first fault.</summary>
    public static StrictJsonFault? Scan(ReadOnlySpan<byte> utf8)
    {
        // One level of slack so that this scan, not the reader, reports the depth with a path.
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow,
            MaxDepth = StrictJson.MaxDepth + 1,
        });
        var frames = new Stack<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var path = ValuePath(frames);
                        if (frames.Count >= StrictJson.MaxDepth)
                        {
                            return new StrictJsonFault($"The request body is nested more than {StrictJson.MaxDepth} levels deep.", path, null);
                        }

                        MarkValue(frames);
                        frames.Push(new Frame(path, reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var frame = frames.Peek();
                        var name = reader.GetString()!;
                        if (!frame.Names!.Add(name))
                        {
                            return new StrictJsonFault("The request body has a duplicate property.", frame.Path + Member(name), null);
                        }

                        frame.PendingName = name;
                        break;
                    default:
                        MarkValue(frames);
                        break;
                }
            }
        }
        catch (JsonException exception)
        {
            return new StrictJsonFault("The request body is not well-formed JSON.", null, exception.LineNumber);
        }

        return null;
    }

    private static string ValuePath(Stack<Frame> frames)
    {
        if (frames.Count == 0)
        {
            return "$";
        }

        var parent = frames.Peek();
        return parent.IsObject
            ? parent.Path + Member(parent.PendingName!)
            : $"{parent.Path}[{parent.NextIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
    }

    private static void MarkValue(Stack<Frame> frames)
    {
        if (frames.Count > 0 && !frames.Peek().IsObject)
        {
            frames.Peek().NextIndex++;
        }
    }

    // The notation System.Text.Json uses in its own paths: $.name, or $['odd name'] for other names.
    private static string Member(string name)
    {
        var simple = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return simple ? "." + name : new StringBuilder("['").Append(name.Replace("'", "\\'", StringComparison.Ordinal)).Append("']").ToString();
    }

    private sealed class Frame(string path, bool isObject)
    {
        public string Path { get; } = path;

        public bool IsObject { get; } = isObject;

        public HashSet<string>? Names { get; } = isObject ? new HashSet<string>(StringComparer.Ordinal) : null;

        public string? PendingName { get; set; }

        public int NextIndex { get; set; }
    }
}
