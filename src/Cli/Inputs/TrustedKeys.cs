using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MedLedger.Cli.Reporting;
using MedLedger.Ledger.Checkpoints;

namespace MedLedger.Cli.Inputs;

/// <summary>The public keys given with <c>--key</c>: PEM files, or note verifier key strings that also pin a key name.</summary>
/// <remarks>
/// <para>A signed-note signature line names its key and carries a key id (c2sp.org/signed-note); a line counts only when
/// both match a trusted key. A PEM file holds no name, so a PEM key is trusted under whatever name the signature lines
/// with its key id carry — the signature itself is still checked with the key, so the name is a label, not a
/// credential. A key that no line mentions is listed under the name <c>*</c> in messages.</para>
/// <para>A verifier key string <c>name+hhhhhhhh+base64</c> (the form Go's note package reads) is trusted under its own
/// name only.</para>
/// </remarks>
internal sealed partial class TrustedKeys : IDisposable
{
    /// <summary>The largest key file accepted; a P-256 public key PEM is under 200 bytes.</summary>
    public const int MaxKeyFileBytes = 64 * 1024;

    private const string AnyName = "*";

    private readonly List<(string Source, byte[] PublicKeyInfo, uint KeyId)> _unnamed = [];
    private readonly List<CheckpointVerifierKey> _named = [];
    private readonly List<CheckpointVerifierKey> _created = [];

    private TrustedKeys()
    {
    }

    public int Count => _unnamed.Count + _named.Count;

    /// <summary>Loads every <c>--key</c> value.</summary>
    /// <exception cref="CommandLineException">A key file is missing, unreadable or not a P-256 public key PEM.</exception>
    public static async Task<TrustedKeys> LoadAsync(IEnumerable<string> values, CancellationToken cancellationToken)
    {
        var keys = new TrustedKeys();
        try
        {
            foreach (var value in values)
            {
                await keys.AddAsync(value, cancellationToken).ConfigureAwait(false);
            }

            return keys;
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }

    /// <summary>Returns the verifier keys for checking <paramref name="signedNotes"/> (owned by this instance).</summary>
    public IReadOnlyList<CheckpointVerifierKey> For(IEnumerable<string> signedNotes)
    {
        var keys = new List<CheckpointVerifierKey>(_named);
        var notes = signedNotes.Select(note => SignedNote.TryParse(note, out var parsed, out _) ? parsed : null).OfType<SignedNote>().ToList();
        foreach (var (_, publicKeyInfo, keyId) in _unnamed)
        {
            var names = notes.SelectMany(note => note.Signatures).Where(line => line.KeyId == keyId).Select(line => line.KeyName).Distinct(StringComparer.Ordinal).ToList();
            if (names.Count == 0)
            {
                names.Add(AnyName);
            }

            foreach (var name in names)
            {
                var key = CheckpointVerifierKey.FromPublicKeyInfo(name, publicKeyInfo);
                _created.Add(key);
                keys.Add(key);
            }
        }

        return keys;
    }

    /// <summary>Describes the keys for messages: <c>'name' (hhhhhhhh)</c>.</summary>
    public string Describe() => string.Join(
        ", ",
        _named.Select(k => string.Create(CultureInfo.InvariantCulture, $"'{k.Name}' ({k.KeyId:x8})"))
            .Concat(_unnamed.Select(k => string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(k.Source)} ({k.KeyId:x8})"))));

    public void Dispose()
    {
        foreach (var key in _named.Concat(_created))
        {
            key.Dispose();
        }
    }

    private async Task AddAsync(string value, CancellationToken cancellationToken)
    {
        if (!File.Exists(value) && LooksLikeVerifierKey(value))
        {
            if (!CheckpointVerifierKey.TryParse(value, out var named, out var error))
            {
                throw new CommandLineException($"The key '{value}' is not a usable verifier key: {error}");
            }

            _named.Add(named);
            return;
        }

        var bytes = await InputFiles.ReadAllBytesAsync(value, "key file", MaxKeyFileBytes, cancellationToken).ConfigureAwait(false);
        string pem;
        try
        {
            pem = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new CommandLineException($"The key file '{value}' is not a PEM text file.");
        }

        if (!CheckpointVerifierKey.TryFromPublicKeyPem(AnyName, pem, out var key, out var problem))
        {
            var hint = pem.Contains("PRIVATE KEY", StringComparison.Ordinal) ? " It holds a private key: give the public key (for example signing-key.pub.pem)." : string.Empty;
            throw new CommandLineException($"The key file '{value}' is not an ECDSA P-256 public key PEM: {problem}{hint}");
        }

        using (key)
        {
            _unnamed.Add((value, key.PublicKeyInfo.ToArray(), key.KeyId));
        }
    }

    // name+hhhhhhhh+base64 that is not an existing file: a verifier key string (its name and base64 may hold '/').
    private static bool LooksLikeVerifierKey(string value) => VerifierKeyShape().IsMatch(value);

    [GeneratedRegex("^[^+\\s]+\\+[0-9a-fA-F]{8}\\+[A-Za-z0-9+/]+={0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex VerifierKeyShape();
}
