namespace MedLedger.Functions.Configuration;

/// <summary>The application settings of MedLedger, read once at start and validated before the app serves anything.</summary>
/// <remarks>
/// Filled by <see cref="MedLedgerOptionsSetup"/> from the names in <see cref="SettingNames"/> and checked by
/// <see cref="MedLedgerOptionsValidator"/>; a value that cannot be parsed is recorded in <see cref="SettingErrors"/>
/// instead of throwing, so every configuration fault is reported the same way.
/// </remarks>
public sealed class MedLedgerOptions
{
    /// <summary>The default body-size cap: 10 MiB.</summary>
    public const long DefaultMaxRequestBodyBytes = 10 * 1024 * 1024;

    /// <summary>Gets the default interval of the local checkpoint timer.</summary>
    public static TimeSpan DefaultCheckpointInterval { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets a value indicating whether the app runs in local development mode (<see cref="SettingNames.DevelopmentMode"/>).</summary>
    public bool DevelopmentMode { get; set; }

    /// <summary>Gets or sets the storage connection (<see cref="SettingNames.Storage"/>).</summary>
    public StorageConnectionSettings Storage { get; set; } = new();

    /// <summary>Gets or sets the Key Vault URI (<see cref="SettingNames.KeyVaultUri"/>).</summary>
    public Uri? KeyVaultUri { get; set; }

    /// <summary>Gets or sets the name of the Key Vault key that wraps record keys (<see cref="SettingNames.WrappingKeyName"/>).</summary>
    public string? WrappingKeyName { get; set; }

    /// <summary>Gets or sets the name of the Key Vault key that signs checkpoints (<see cref="SettingNames.SigningKeyName"/>).</summary>
    public string? SigningKeyName { get; set; }

    /// <summary>Gets or sets the local development key directory (<see cref="SettingNames.LocalKeyDirectory"/>).</summary>
    public string? LocalKeyDirectory { get; set; }

    /// <summary>Gets or sets the checkpoint origin of the log (<see cref="SettingNames.LogOrigin"/>).</summary>
    public string? LogOrigin { get; set; }

    /// <summary>Gets or sets how many logs the ledger is sharded into (<see cref="SettingNames.LogCount"/>).</summary>
    public int LogCount { get; set; } = 1;

    /// <summary>Gets or sets the patient pseudonym secret (<see cref="SettingNames.PseudonymSecret"/>).</summary>
    public string? PseudonymSecret { get; set; }

    /// <summary>Gets or sets the request body cap in bytes (<see cref="SettingNames.MaxRequestBodyBytes"/>).</summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>Gets or sets the local checkpoint timer interval (<see cref="SettingNames.CheckpointInterval"/>).</summary>
    public TimeSpan CheckpointInterval { get; set; } = DefaultCheckpointInterval;

    /// <summary>Gets the insurers whose signed webhooks are accepted, with their secrets (<see cref="SettingNames.Insurers"/>).</summary>
    public IList<MedLedger.Access.Webhooks.InsurerWebhookSecrets> Insurers { get; } = [];

    /// <summary>Gets the settings whose values could not be parsed, one message each (never the value itself: it may be a secret).</summary>
    public IList<string> SettingErrors { get; } = [];
}
