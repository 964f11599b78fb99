using Microsoft.Extensions.Options;

namespace MedLedger.Functions.LocalHost;

/// <summary>Composition of the local host: the embedded queue listener and checkpoint timer.</summary>
internal static class LocalHostExtensions
{
    /// <summary>Registers both; each stays idle unless <see cref="LocalHostOptions.Enabled"/> (no Functions host, development mode).</summary>
    /// <remarks>The queue it reads comes from an <see cref="ITriggerQueueClient"/> registration made by the storage composition.</remarks>
    public static WebApplicationBuilder AddLocalHost(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IConfigureOptions<LocalHostOptions>, LocalHostOptionsSetup>();
        services.AddSingleton<IValidateOptions<LocalHostOptions>, LocalHostOptionsValidator>();
        services.AddOptions<LocalHostOptions>().ValidateOnStart();
        services.AddHostedService<LocalQueueListener>();
        services.AddHostedService<LocalCheckpointTimer>();
        return builder;
    }
}
