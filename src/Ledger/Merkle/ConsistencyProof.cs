using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Merkle;

/// <summary>
/// A consistency proof between two tree sizes as exchanged between a log and its verifiers (the body of
/// <c>GET /api/ledger/proofs/consistency</c>, and the file <c>medledger checkpoint verify --proof</c> reads).
/// </summary>
/// <remarks>
/// <para>The JSON form is exactly
/// <c>{"format":"medledger-consistency-proof/v1","from":m,"to":n,"proof":["&lt;base64 hash&gt;",…]}</c>: members in
/// this order, no whitespace, base64 canonical and padded, sizes as plain decimal integers with 0 ≤ m ≤ n. The version is
/// in the first bytes; parsing rejects anything else, including unknown, duplicate or missing members.</para>
/// <para>The proof is an RFC 9162 §2.1.4 consistency proof. It binds roots, not sizes: a verifier takes both roots and
/// sizes from signed checkpoints and checks that <see cref="FromSize"/> and <see cref="ToSize"/> are theirs
/// (see <see cref="MerkleProofs.VerifyConsistency"/>).</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class ConsistencyProof
{
    /// <summary>The format identifier of this version.</summary>
    public const string FormatV1 = "medledger-consistency-proof/v1";

    /// <summary>The longest proof accepted (a proof between trees of at most 2^63 leaves has fewer hashes).</summary>
    public const int MaxProofLength = 128;

    /// <summary>The largest document accepted, in bytes.</summary>
    public const int MaxJsonBytes = 16 * 1024;

    private static readonly string[] MemberOrder = ["format", "from", "to", "proof"];

    /// <summary>Creates a proof document.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, <paramref name="fromSize"/> exceeds <paramref name="toSize"/>, or the proof is too long.</exception>
    public ConsistencyProof(long fromSize, long toSize, IReadOnlyList<LedgerHash> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentOutOfRangeException.ThrowIfNegative(fromSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fromSize, toSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hashes.Count, MaxProofLength, nameof(hashes));
        FromSize = fromSize;
        ToSize = toSize;
        Hashes = [.. hashes];
    }

    /// <summary>Gets the size of the older tree.</summary>
    public long FromSize { get; }

    /// <summary>Gets the size of the newer tree.</summary>
    public long ToSize { get; }

    /// <summary>Gets the proof's hashes, in RFC 9162 order.</summary>
    public IReadOnlyList<LedgerHash> Hashes { get; }

    /// <summary>Returns the canonical UTF-8 JSON of the proof.</summary>
    public byte[] ToJson()
    {
        var output = new ArrayBufferWriter<byte>(96 + (Hashes.Count * (LedgerHash.Base64Length + 3)));
        output.Write("{\"format\":"u8);
        CanonicalJson.WriteString(output, FormatV1);
        output.Write(",\"from\":"u8);
        CanonicalJson.WriteInteger(output, FromSize);
        output.Write(",\"to\":"u8);
        CanonicalJson.WriteInteger(output, ToSize);
        output.Write(",\"proof\":"u8);
        CanonicalJson.WriteHashArray(output, Hashes);
        output.Write("}"u8);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Parses proof JSON strictly (see the type remarks); does not verify anything.</summary>
    /// <returns>False with a reason for anything but the canonical form of a valid document; never throws for bad input.</returns>
    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out ConsistencyProof? proof, [NotNullWhen(false)] out string? error)
    {
        proof = null;
        if (json.Length > MaxJsonBytes)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"The consistency proof is larger than {MaxJsonBytes} bytes.");
            return false;
        }

        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            error = "The consistency proof is not valid UTF-8.";
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 3 });
        }
        catch (JsonException exception)
        {
            error = "The consistency proof is not well-formed JSON: " + exception.Message;
            return false;
        }

        using (document)
        {
            if (!TryInterpret(document.RootElement, out var candidate, out error))
            {
                return false;
            }

            var canonical = candidate.ToJson();
            if (!json.SequenceEqual(canonical))
            {
                error = string.Create(
                    CultureInfo.InvariantCulture,
                    $"The consistency proof is not in canonical form (member order, whitespace or escapes): it differs at byte {json.CommonPrefixLength(canonical)}.");
                return false;
            }

            proof = candidate;
            return true;
        }
    }

    private static bool TryInterpret(JsonElement root, [NotNullWhen(true)] out ConsistencyProof? proof, [NotNullWhen(false)] out string? error)
    {
        proof = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "The consistency proof is not a JSON object.";
            return false;
        }

        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in root.EnumerateObject())
        {
            if (Array.IndexOf(MemberOrder, member.Name) < 0)
            {
                error = $"The consistency proof has the unknown member \"{member.Name}\".";
                return false;
            }

            if (!members.TryAdd(member.Name, member.Value))
            {
                error = $"The consistency proof has the member \"{member.Name}\" twice.";
                return false;
            }
        }

        var missing = Array.Find(MemberOrder, name => !members.ContainsKey(name));
        if (missing is not null)
        {
            error = $"The consistency proof has no \"{missing}\" member.";
            return false;
        }

        if (members["format"].ValueKind != JsonValueKind.String || !members["format"].ValueEquals(FormatV1))
        {
            error = $"The consistency proof's format is not \"{FormatV1}\".";
            return false;
        }

        if (!TryReadSize(members["from"], out var from) || !TryReadSize(members["to"], out var to))
        {
            error = "The consistency proof's \"from\" and \"to\" are not non-negative integers.";
            return false;
        }

        if (from > to)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"The consistency proof goes from {from} to the smaller size {to}.");
            return false;
        }

        if (!CanonicalJson.TryReadHashArray(members["proof"], MaxProofLength, out var list, out var badIndex))
        {
            error = badIndex < 0
                ? string.Create(CultureInfo.InvariantCulture, $"The consistency proof's \"proof\" is not an array of at most {MaxProofLength} hashes.")
                : string.Create(CultureInfo.InvariantCulture, $"Hash {badIndex} of the consistency proof is not canonical base64 of 32 bytes.");
            return false;
        }

        proof = new ConsistencyProof(from, to, list);
        error = null;
        return true;
    }

    private static bool TryReadSize(JsonElement element, out long size)
    {
        size = 0;
        return element.ValueKind == JsonValueKind.Number
            && long.TryParse(element.GetRawText(), NumberStyles.None, CultureInfo.InvariantCulture, out size);
    }
}
