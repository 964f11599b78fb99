using MedLedger.Functions.Configuration;
using MedLedger.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.LocalHost;

/// <summary>Decides whether the local host runs and, if so, reads host.json's queue settings.</summary>
internal sealed class LocalHostOptionsSetup(IOptions<HostingOptions> hosting, IOptions<MedLedgerOptions> settings)
    : IConfigureOptions<LocalHostOptions>
{
    public void Configure(LocalHostOptions options)
    {
        try
        {
            options.Enabled = !hosting.Value.UnderFunctionsHost && settings.Value.DevelopmentMode;
            options.CheckpointInterval = settings.Value.CheckpointInterval;
        }
        catch (OptionsValidationException)
        {
            // Those settings report their own failures; the local host just stays off.
            options.Enabled = false;
            return;
        }

        if (!options.Enabled)
        {
            return;
        }

        string text;
        try
        {
            text = File.ReadAllText(options.HostJsonPath);
        }
        catch (IOException)
        {
            options.SettingErrors.Add($"host.json could not be read at {options.HostJsonPath}; the local host needs its queue settings.");
            return;
        }
        catch (UnauthorizedAccessException)
        {
            options.SettingErrors.Add($"host.json could not be read at {options.HostJsonPath}; the local host needs its queue settings.");
            return;
        }

        if (HostJsonReader.TryReadQueueSettings(text, out var queues, out var error))
        {
            options.Queues = queues;
        }
        else
        {
            options.SettingErrors.Add($"{error} ({options.HostJsonPath}).");
        }
    }
}
