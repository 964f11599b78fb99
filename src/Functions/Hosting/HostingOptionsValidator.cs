using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Hosting;

/// <summary>Fails start-up when a port variable is malformed.</summary>
internal sealed class HostingOptionsValidator : IValidateOptions<HostingOptions>
{
    public ValidateOptionsResult Validate(string? name, HostingOptions options) =>
        options.SettingErrors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.SettingErrors);
}
