using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;

namespace MedLedger.Testing.Faults;

/// <summary>A response made up by a test (an injected fault), never received from a server.</summary>
public sealed class SyntheticResponse : Response
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a response with a status, optional headers and optional body.</summary>
    public SyntheticResponse(int status, string reasonPhrase, IReadOnlyDictionary<string, string>? headers = null, string? body = null)
    {
        Status = status;
        ReasonPhrase = reasonPhrase;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            _headers[name] = value;
        }

        ContentStream = new MemoryStream(Encoding.UTF8.GetBytes(body ?? string.Empty));
    }

    /// <inheritdoc />
    public override int Status { get; }

    /// <inheritdoc />
    public override string ReasonPhrase { get; }

    /// <inheritdoc />
    public override Stream? ContentStream { get; set; }

    /// <inheritdoc />
    public override string ClientRequestId { get; set; } = string.Empty;

    /// <inheritdoc />
    public override void Dispose() => ContentStream?.Dispose();

    /// <inheritdoc />
    protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

    /// <inheritdoc />
    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));

    /// <inheritdoc />
    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

    /// <inheritdoc />
    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        var found = _headers.TryGetValue(name, out var value);
        values = found ? [value!] : null;
        return found;
    }
}
