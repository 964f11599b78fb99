using MedLedger.Functions.Checkpointing;
using MedLedger.Functions.Keys;
using MedLedger.Functions.LedgerEvents;
using MedLedger.Functions.LocalHost;
using MedLedger.Functions.Storage;
using MedLedger.Testing.Time;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedLedger.Functions.Tests.Support;

/// <summary>
/// The app under test, in process (production environment), with the given settings, for tests of the custom-handler
/// frame: the appender, checkpointer and trigger queue are in-memory fakes on a fake clock, and the storage and key
/// dependencies stay idle (no background provisioning or key loading, no dependency health checks). The ledger itself
/// is tested with <see cref="LedgerAppFactory"/>, against Azurite.
/// </summary>
public sealed class FunctionsAppFactory(
    Dictionary<string, string?> settings,
    Action<IServiceCollection>? configureServices = null,
    string environment = "Production")
    : WebApplicationFactory<Program>
{
    public FunctionsAppFactory()
        : this(TestSettings.Azure())
    {
    }

    public FakeTimeProvider Clock { get; } = new();

    public CountingTimeProvider Time => Services.GetRequiredService<CountingTimeProvider>();

    public CapturingLoggerProvider Logs { get; } = new();

    public FakeLedgerEventAppender Appender => Services.GetRequiredService<FakeLedgerEventAppender>();

    public FakeLedgerCheckpointer Checkpointer => Services.GetRequiredService<FakeLedgerCheckpointer>();

    public InMemoryTriggerQueue Queue => Services.GetRequiredService<InMemoryTriggerQueue>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new CountingTimeProvider(Clock));
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<CountingTimeProvider>());
            services.AddSingleton<FakeLedgerEventAppender>();
            services.AddSingleton<ILedgerEventAppender>(sp => sp.GetRequiredService<FakeLedgerEventAppender>());
            services.AddSingleton<FakeLedgerCheckpointer>();
            services.AddSingleton<ILedgerCheckpointer>(sp => sp.GetRequiredService<FakeLedgerCheckpointer>());
            services.AddSingleton<InMemoryTriggerQueue>();
            services.AddSingleton<ITriggerQueueClient>(sp => sp.GetRequiredService<InMemoryTriggerQueue>());
            foreach (var idle in services.Where(d => d.ServiceType == typeof(IHostedService) &&
                (d.ImplementationType == typeof(KeysWarmup) || d.ImplementationType == typeof(StorageProvisioningService))).ToList())
            {
                services.Remove(idle);
            }

            services.Configure<HealthCheckServiceOptions>(options =>
            {
                foreach (var registration in options.Registrations.Where(r => r.Name is "storage" or "keys").ToList())
                {
                    options.Registrations.Remove(registration);
                }
            });
            // No directory table here: the demo directory in memory stands in for it.
            services.AddSingleton<MedLedger.Access.UserDirectory.IDirectory>(new MedLedger.Access.UserDirectory.InMemoryDirectory(MedLedger.Access.UserDirectory.DemoDirectory.Load()));
            configureServices?.Invoke(services);
        });
    }

    /// <summary>Clients act as <see cref="TestPrincipals.DefaultUser"/> unless a test says otherwise (<see cref="TestPrincipals.As"/>).</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.As(TestPrincipals.DefaultUser);
    }
}
