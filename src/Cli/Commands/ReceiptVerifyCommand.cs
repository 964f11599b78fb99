using System.CommandLine;
using System.Globalization;
using MedLedger.Cli.Inputs;
using MedLedger.Cli.Reporting;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Receipts;

namespace MedLedger.Cli.Commands;

/// <summary><c>medledger receipt verify</c>: checks offline that a receipt's entry is in the log its checkpoint signs.</summary>
internal static class ReceiptVerifyCommand
{
    public static Command Create()
    {
        var receipt = CommonOptions.RequiredFile("--receipt", "file", "A receipt (medledger-receipt/v1 JSON, exactly as served; one final newline is ignored).");
        var keys = CommonOptions.Keys(required: true);
        var log = CommonOptions.Log();
        var command = new Command(
            "verify",
            "Verify a receipt: canonical JSON, the checkpoint's signature, the entry's index and log, and the inclusion proof to the signed root (RFC 9162 §2.1.3). "
            + "Exit 0 valid, 2 invalid, 1 usage or I/O error.")
        {
            Options = { receipt, keys, log },
        };
        command.SetAction((parsed, cancellationToken) =>
            VerifyAsync(parsed.InvocationConfiguration.Output, parsed.GetRequiredValue(receipt), parsed.GetRequiredValue(keys), parsed.GetValue(log), cancellationToken));
        return command;
    }

    private static async Task<int> VerifyAsync(TextWriter output, string path, string[] keyValues, string? log, CancellationToken cancellationToken)
    {
        var bytes = await InputFiles.ReadAllBytesAsync(path, "receipt", Receipt.MaxReceiptBytes + 1, cancellationToken).ConfigureAwait(false);
        using var trusted = await TrustedKeys.LoadAsync(keyValues, cancellationToken).ConfigureAwait(false);
        return Verify(output, InputFiles.WithoutFinalNewline(bytes), trusted, log);
    }

    private static int Verify(TextWriter output, ReadOnlySpan<byte> json, TrustedKeys trusted, string? log)
    {
        if (!Receipt.TryParse(json, out var parsed, out _))
        {
            var rejected = ReceiptVerifier.Verify(json, trusted.For([]), log);
            return Verdict.Invalid(output, "receipt", FaultNames.Of(rejected.Fault), rejected.Message);
        }

        var keys = trusted.For([parsed.Checkpoint]);
        var result = ReceiptVerifier.Verify(parsed, keys, log);
        var where = string.Create(CultureInfo.InvariantCulture, $"entry {parsed.Index}");
        if (!result.IsValid)
        {
            return Verdict.Invalid(output, where, FaultNames.Of(result.Fault), result.Message);
        }

        var entry = result.Entry;
        var checkpoint = result.Checkpoint;
        var signers = CheckpointVerifier.Verify(parsed.Checkpoint, keys).VerifiedBy
            .Select(key => string.Create(CultureInfo.InvariantCulture, $"'{key.Name}' ({key.KeyId:x8})"));
        return Verdict.Valid(
            output,
            string.Create(CultureInfo.InvariantCulture, $"entry {entry.Sequence} of log '{entry.Log}' is included in the tree of {checkpoint.TreeSize} entries (root {checkpoint.RootHash.ToBase64()}) signed by {string.Join(", ", signers)}"),
            string.Create(CultureInfo.InvariantCulture, $"entry: {entry.Type} at {entry.Time.ToString(Ledger.Entries.EntryFormat.TimeFormat, CultureInfo.InvariantCulture)}, event {entry.EventId}, leaf hash {entry.LeafHash.ToBase64()}"));
    }
}
