using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Receipts;

/// <summary>
/// A self-contained proof that one entry is in the log: the entry's bytes, its index, an RFC 9162 inclusion proof and a
/// signed checkpoint, verifiable offline with only the log's public key.
/// </summary>
/// <remarks>
/// <para>The JSON form is exactly
/// <c>{"format":"medledger-receipt/v1","log":…,"index":…,"entry":"&lt;base64 entry bytes&gt;","inclusionProof":["&lt;base64 hash&gt;",…],"checkpoint":"&lt;signed note&gt;"}</c>:
/// members in this order, no whitespace, strings escaped as in <see cref="CanonicalJson"/>, base64 canonical and padded.
/// The version is in the first bytes; parsing rejects anything else, including unknown, duplicate or missing members.</para>
/// <para>The parts are standard: the checkpoint is a C2SP signed note (ECDSA P-256, type 0x02), the proof is an RFC 9162
/// §2.1.3 audit path over SHA-256(0x00 ‖ entry), so any RFC 9162 / C2SP verifier can check it.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class Receipt
{
    /// <summary>The format identifier of this receipt version.</summary>
    public const string FormatV1 = "medledger-receipt/v1";

    /// <summary>The largest receipt accepted, in bytes.</summary>
    public const int MaxReceiptBytes = 4 * 1024 * 1024;

    /// <summary>The longest inclusion proof accepted (a tree of 2^63 leaves needs 63 hashes).</summary>
    public const int MaxProofLength = 64;

    private static readonly string[] MemberOrder = ["format", "log", "index", "entry", "inclusionProof", "checkpoint"];

    private readonly byte[] _entry;

    internal Receipt(string log, long index, ReadOnlySpan<byte> entry, IReadOnlyList<LedgerHash> inclusionProof, string checkpoint)
    {
        Log = log;
        Index = index;
        _entry = entry.ToArray();
        InclusionProof = [.. inclusionProof];
        Checkpoint = checkpoint;
    }

    /// <summary>Gets the log name.</summary>
    public string Log { get; }

    /// <summary>Gets the entry's index in the log.</summary>
    public long Index { get; }

    /// <summary>Gets the entry's bytes, exactly as stored in the log.</summary>
    public ReadOnlyMemory<byte> Entry => _entry;

    /// <summary>Gets the inclusion proof (RFC 9162 §2.1.3), from the leaf's sibling upwards.</summary>
    public IReadOnlyList<LedgerHash> InclusionProof { get; }

    /// <summary>Gets the signed checkpoint note the proof leads to.</summary>
    public string Checkpoint { get; }

    /// <summary>Returns the canonical UTF-8 JSON of the receipt.</summary>
    public byte[] ToJson()
    {
        var output = new ArrayBufferWriter<byte>(1024 + (_entry.Length * 4 / 3) + Checkpoint.Length);
        output.Write("{\"format\":"u8);
        CanonicalJson.WriteString(output, FormatV1);
        output.Write(",\"log\":"u8);
        CanonicalJson.WriteString(output, Log);
        output.Write(",\"index\":"u8);
        CanonicalJson.WriteInteger(output, Index);
        output.Write(",\"entry\":"u8);
        CanonicalJson.WriteString(output, Convert.ToBase64String(_entry));
        output.Write(",\"inclusionProof\":"u8);
        CanonicalJson.WriteHashArray(output, InclusionProof);
        output.Write(",\"checkpoint\":"u8);
        CanonicalJson.WriteString(output, Checkpoint);
        output.Write("}"u8);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Parses receipt JSON strictly (see the type remarks); does not verify anything.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out Receipt? receipt, [NotNullWhen(false)] out string? error) =>
        TryParse(json, out receipt, out _, out error);

    internal static bool TryParse(
        ReadOnlySpan<byte> json, [NotNullWhen(true)] out Receipt? receipt, out ReceiptFault fault, [NotNullWhen(false)] out string? error)
    {
        receipt = null;
        fault = ReceiptFault.MalformedReceipt;
        if (json.Length > MaxReceiptBytes)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"The receipt is larger than {MaxReceiptBytes} bytes.");
            return false;
        }

        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            error = "The receipt is not valid UTF-8.";
            return false;
        }

        Dictionary<string, JsonElement>? members;
        List<string> order;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException exception)
        {
            error = "The receipt is not well-formed JSON: " + exception.Message;
            return false;
        }

        using (document)
        {
            try
            {
                members = ReadMembers(document.RootElement, out order, out error);
            }
            catch (InvalidOperationException)
            {
                members = null;
                order = [];
                error = "The receipt has a string with an unpaired surrogate escape.";
            }

            if (members is null)
            {
                error ??= "The receipt cannot be read.";
                return false;
            }
        }

        // Strings are read once above, so nothing below can meet an unpaired surrogate.
        return TryInterpret(json, members, order, out receipt, out fault, out error);
    }

    private static Dictionary<string, JsonElement>? ReadMembers(JsonElement root, out List<string> order, out string? error)
    {
        order = [];
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "The receipt is not a JSON object.";
            return null;
        }

        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in root.EnumerateObject())
        {
            if (!members.TryAdd(member.Name, member.Value.Clone()))
            {
                error = $"The receipt has the member \"{member.Name}\" twice.";
                return null;
            }

            order.Add(member.Name);
            if (member.Value.ValueKind == JsonValueKind.String)
            {
                _ = member.Value.GetString();
            }
            else if (member.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in member.Value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        _ = item.GetString();
                    }
                }
            }
        }

        return members;
    }

    private static bool TryInterpret(
        ReadOnlySpan<byte> json,
        Dictionary<string, JsonElement> members,
        List<string> order,
        [NotNullWhen(true)] out Receipt? receipt,
        out ReceiptFault fault,
        [NotNullWhen(false)] out string? error)
    {
        receipt = null;
        fault = ReceiptFault.MalformedReceipt;
        if (!members.TryGetValue("format", out var format) || format.ValueKind != JsonValueKind.String)
        {
            fault = ReceiptFault.UnsupportedFormat;
            error = "The receipt has no \"format\" string.";
            return false;
        }

        if (format.GetString() != FormatV1)
        {
            fault = ReceiptFault.UnsupportedFormat;
            error = $"The receipt format '{format.GetString()}' is not supported; this library reads {FormatV1}.";
            return false;
        }

        var unknown = order.Find(name => Array.IndexOf(MemberOrder, name) < 0);
        if (unknown is not null)
        {
            error = $"The receipt has the unknown member \"{unknown}\".";
            return false;
        }

        var missing = Array.Find(MemberOrder, name => !members.ContainsKey(name));
        if (missing is not null)
        {
            error = $"The receipt has no \"{missing}\" member.";
            return false;
        }

        if (!TryReadMembers(members, out var log, out var index, out var entry, out var proof, out var checkpoint, out error))
        {
            return false;
        }

        var candidate = new Receipt(log, index, entry, proof, checkpoint);
        var canonical = candidate.ToJson();
        if (!json.SequenceEqual(canonical))
        {
            error = string.Create(
                CultureInfo.InvariantCulture,
                $"The receipt is not in canonical form (member order, whitespace or escapes): it differs at byte {json.CommonPrefixLength(canonical)}.");
            return false;
        }

        receipt = candidate;
        fault = ReceiptFault.None;
        return true;
    }

    private static bool TryReadMembers(
        Dictionary<string, JsonElement> members,
        [NotNullWhen(true)] out string? log,
        out long index,
        [NotNullWhen(true)] out byte[]? entry,
        [NotNullWhen(true)] out List<LedgerHash>? proof,
        [NotNullWhen(true)] out string? checkpoint,
        [NotNullWhen(false)] out string? error)
    {
        log = null;
        index = 0;
        entry = null;
        proof = null;
        checkpoint = null;
        if (members["log"].ValueKind != JsonValueKind.String || !EntryFormat.IsValidLogName(members["log"].GetString()))
        {
            error = "The receipt's \"log\" is not a valid log name.";
            return false;
        }

        log = members["log"].GetString()!;

        var indexElement = members["index"];
        if (indexElement.ValueKind != JsonValueKind.Number || !long.TryParse(indexElement.GetRawText(), NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            error = "The receipt's \"index\" is not a non-negative integer.";
            return false;
        }

        if (members["entry"].ValueKind != JsonValueKind.String || !TryDecodeBase64(members["entry"].GetString()!, out entry))
        {
            error = "The receipt's \"entry\" is not canonical base64.";
            return false;
        }

        if (!CanonicalJson.TryReadHashArray(members["inclusionProof"], MaxProofLength, out proof, out var badIndex))
        {
            error = badIndex < 0
                ? $"The receipt's \"inclusionProof\" is not an array of at most {MaxProofLength} hashes."
                : string.Create(CultureInfo.InvariantCulture, $"Hash {badIndex} of the inclusion proof is not canonical base64 of 32 bytes.");
            return false;
        }

        if (members["checkpoint"].ValueKind != JsonValueKind.String)
        {
            error = "The receipt's \"checkpoint\" is not a string.";
            return false;
        }

        checkpoint = members["checkpoint"].GetString()!;
        error = null;
        return true;
    }

    private static bool TryDecodeBase64(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        var buffer = new byte[(text.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written)
            || !string.Equals(Convert.ToBase64String(buffer, 0, written), text, StringComparison.Ordinal))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}
