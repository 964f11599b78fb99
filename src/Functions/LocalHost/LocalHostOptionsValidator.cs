using Microsoft.Extensions.Options;

namespace MedLedger.Functions.LocalHost;

/// <summary>Fails start-up when the local host should run but host.json's queue settings are unusable.</summary>
internal sealed class LocalHostOptionsValidator : IValidateOptions<LocalHostOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalHostOptions options)
    {
        if (options.SettingErrors.Count > 0)
        {
            return ValidateOptionsResult.Fail(options.SettingErrors);
        }

        return options.Enabled && options.Queues is null
            ? ValidateOptionsResult.Fail("The local host is enabled but has no queue settings.")
            : ValidateOptionsResult.Success;
    }
}
