using MedLedger.Functions.Checkpointing;
using MedLedger.Functions.LedgerEvents;
using MedLedger.Functions.LocalHost;
using MedLedger.Testing.Time;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedLedger.Functions.Tests.Support;

/// <summary>
/// The app under test, in process (production environment), with the given settings. Ports that the storage
/// layer will implement are served by in-memory fakes on a fake clock; everything else is the real composition.
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
            configureServices?.Invoke(services);
        });
    }
}
