using System.Net;
using MedLedger.Functions.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Hosting;

/// <summary>Composition of the process: where it listens, its validated settings, its clock.</summary>
internal static class HostingBuilderExtensions
{
    /// <summary>Registers the validated settings and binds Kestrel to loopback on the host-assigned or local port.</summary>
    public static WebApplicationBuilder AddFunctionsHosting(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IConfigureOptions<HostingOptions>, HostingOptionsSetup>();
        services.AddSingleton<IValidateOptions<HostingOptions>, HostingOptionsValidator>();
        services.AddOptions<HostingOptions>().ValidateOnStart();
        services.AddSingleton<IConfigureOptions<MedLedgerOptions>, MedLedgerOptionsSetup>();
        services.AddSingleton<IValidateOptions<MedLedgerOptions>, MedLedgerOptionsValidator>();
        services.AddOptions<MedLedgerOptions>().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelLoopbackSetup>();
        return builder;
    }

    /// <summary>Answers the Functions host's readiness probe: any response to <c>GET /</c> means "started" (azure-protocols.md §1.3).</summary>
    public static IEndpointRouteBuilder MapReadinessProbe(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => TypedResults.Ok()).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Listens on 127.0.0.1 only: the Functions host (or the developer's machine) is the only caller.</summary>
    /// <remarks>
    /// Kestrel is configured while the app is built, before start-up validation runs; so this reads the settings
    /// without validating them (a bad value falls back to its default here) and leaves the reporting to
    /// <see cref="StartupValidation"/>, which stops the app before it listens.
    /// </remarks>
    private sealed class KestrelLoopbackSetup(IConfiguration configuration) : IConfigureOptions<KestrelServerOptions>
    {
        public void Configure(KestrelServerOptions options)
        {
            var hosting = new HostingOptions();
            new HostingOptionsSetup(configuration).Configure(hosting);
            var settings = new MedLedgerOptions();
            new MedLedgerOptionsSetup(configuration).Configure(settings);
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = Math.Clamp(
                settings.MaxRequestBodyBytes, MedLedgerOptionsValidator.MinimumMaxRequestBodyBytes, MedLedgerOptionsValidator.MaximumMaxRequestBodyBytes);
            options.Listen(IPAddress.Loopback, hosting.ListenPort);
        }
    }
}
