using System.CommandLine;
using System.Globalization;
using MedLedger.Cli.Inputs;
using MedLedger.Cli.Reporting;
using MedLedger.Infrastructure.Keys;
using MedLedger.Ledger.Checkpoints;

namespace MedLedger.Cli.Commands;

/// <summary><c>medledger keys init</c>: creates the local development keys, never overwriting a key file.</summary>
internal static class KeysInitCommand
{
    public static Command Create()
    {
        var directory = new Option<string>("--out")
        {
            HelpName = "dir",
            Description = "The key directory (created owner-only if missing).",
            DefaultValueFactory = _ => DevelopmentKeyDirectory.DefaultPath,
        };
        var command = new Command(
            "init",
            "Create development keys: an ECDSA P-256 checkpoint signing key (PEM, with its public key for verifiers) and an RSA key wrapping key. "
            + "Never overwrites: if any key file exists, nothing is written and the exit code is 1.")
        {
            Options = { directory },
        };
        command.SetAction((parsed, cancellationToken) =>
            InitAsync(parsed.InvocationConfiguration.Output, parsed.GetRequiredValue(directory), cancellationToken));
        return command;
    }

    private static async Task<int> InitAsync(TextWriter output, string directory, CancellationToken cancellationToken)
    {
        DevelopmentKeyCreationResult result;
        try
        {
            result = await DevelopmentKeyDirectory.CreateAsync(directory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (InputFiles.IsFileProblem(exception))
        {
            throw new CommandLineException($"Cannot create keys in '{directory}': {exception.Message}", exception);
        }

        if (!result.Created)
        {
            throw new CommandLineException(
                $"The key file '{result.Files[0]}' already exists; nothing was written (keys are never overwritten; use another --out or remove the old keys).");
        }

        var wrapping = result.Files[0];
        var signing = result.Files[1];
        var publicKey = result.Files[2];
        using var verifierKey = CheckpointVerifierKey.FromPublicKeyPem("key", await File.ReadAllTextAsync(publicKey, cancellationToken).ConfigureAwait(false));
        output.WriteLine($"created: {wrapping} (RSA key wrapping key {result.WrappingKeyId}; private, mode 600)");
        output.WriteLine($"created: {signing} (ECDSA P-256 checkpoint signing key; private, mode 600)");
        output.WriteLine($"created: {publicKey} (the signing key's public key; give it to verifiers)");
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"public key: {publicKey} (signed-note key id {verifierKey.KeyId:x8}, SHA-256 fingerprint {result.SigningKeyFingerprint})"));
        return ExitCodes.Success;
    }
}
