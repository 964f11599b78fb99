namespace MedLedger.Functions.Configuration;

/// <summary>
/// The names of every application setting the app reads. The deployment template must write exactly these
/// (checked by tests/Infra.Tests), so a deployment cannot start with a setting missing.
/// </summary>
/// <remarks>
/// In app settings and environment variables, <c>__</c> separates sections (<c>MedLedger__KeyVaultUri</c>);
/// in configuration keys it is <c>:</c>.
/// </remarks>
public static class SettingNames
{
    /// <summary>The storage connection used by the host and the app: a connection string, or identity-based <c>__</c> settings.</summary>
    public const string Storage = "AzureWebJobsStorage";

    /// <summary>The Key Vault URI; absent in local development, where the local key directory is used instead.</summary>
    public const string KeyVaultUri = "MedLedger:KeyVaultUri";

    /// <summary>The name of the Key Vault RSA key that wraps record data keys.</summary>
    public const string WrappingKeyName = "MedLedger:WrappingKeyName";

    /// <summary>The name of the Key Vault EC P-256 key that signs checkpoints.</summary>
    public const string SigningKeyName = "MedLedger:SigningKeyName";

    /// <summary>The directory holding local development keys (used only without a Key Vault).</summary>
    public const string LocalKeyDirectory = "MedLedger:LocalKeyDirectory";

    /// <summary>The checkpoint origin line of the log (for example the app's host name followed by <c>/ledger</c>).</summary>
    public const string LogOrigin = "MedLedger:LogOrigin";

    /// <summary>
    /// How many logs the ledger is sharded into; optional, default 1. Log 0 is named by <see cref="LogOrigin"/>, log
    /// <c>i</c> &gt; 0 by the origin followed by <c>/i</c>; a patient's pseudonym picks the log (jump consistent hash).
    /// </summary>
    /// <remarks>Raising it moves some patients' future events to a new log; existing records stay readable (their ids name their log).</remarks>
    public const string LogCount = "MedLedger:LogCount";

    /// <summary>The secret under which patient ids are turned into pseudonyms (HMAC-SHA256); a Key Vault reference in Azure.</summary>
    public const string PseudonymSecret = "MedLedger:PseudonymSecret";

    /// <summary>Local development mode: trusts the simulated Easy Auth header and runs the embedded queue listener.</summary>
    public const string DevelopmentMode = "MedLedger:DevelopmentMode";

    /// <summary>The largest request body the app accepts, in bytes; optional, default 10 MiB (10485760).</summary>
    /// <remarks>Larger bodies are refused with 413 before they are read.</remarks>
    public const string MaxRequestBodyBytes = "MedLedger:MaxRequestBodyBytes";

    /// <summary>How often the local host's timer runs the checkpoint function (a <c>TimeSpan</c>, e.g. <c>00:00:05</c>); optional, default 5 s.</summary>
    /// <remarks>Local development only: under the Functions host the <c>Checkpoint</c> timer trigger's schedule applies.</remarks>
    public const string CheckpointInterval = "MedLedger:CheckpointInterval";

    /// <summary>
    /// The insurers whose signed webhooks are accepted: an array section, one element per insurer, each with the keys
    /// in <see cref="InsurerKeys"/> (in app settings <c>MedLedger__Insurers__0__Id</c>, <c>MedLedger__Insurers__0__Secret</c>, ...).
    /// </summary>
    public const string Insurers = "MedLedger:Insurers";

    /// <summary>The keys of one element of the <see cref="Insurers"/> section.</summary>
    public static class InsurerKeys
    {
        /// <summary>The insurer's id, as it appears in webhook requests and ledger entries.</summary>
        public const string Id = "Id";

        /// <summary>The current HMAC-SHA256 webhook secret; a Key Vault reference in Azure.</summary>
        public const string Secret = "Secret";

        /// <summary>The previous webhook secret, still accepted while a rotation is under way; optional; a Key Vault reference in Azure.</summary>
        public const string PreviousSecret = "PreviousSecret";
    }
}
