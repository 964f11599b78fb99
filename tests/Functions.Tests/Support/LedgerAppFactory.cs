using Azure.Core.Pipeline;
using MedLedger.Clients.Pipeline;
using MedLedger.Clients.Storage;
using MedLedger.Functions.Checkpointing;
using MedLedger.Functions.CustomHandler;
using MedLedger.Functions.LedgerLogs;
using MedLedger.Functions.LocalHost;
using MedLedger.Functions.Storage;
using MedLedger.Infrastructure.Keys;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.Faults;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedLedger.Functions.Tests.Support;

/// <summary>
/// The whole app against Azurite: real storage clients, real logs, local development keys, its own container, queue
/// and table names (tests share one emulator). Every storage request goes through <see cref="Faults"/>, which injects
/// nothing unless told to. The local host (queue listener and checkpoint timer) runs unless
/// <see cref="LedgerAppOptions.LocalHost"/> is off; then <see cref="DeliverQueuedAsync"/> plays the Functions host.
/// </summary>
public sealed class LedgerAppFactory : WebApplicationFactory<Program>
{
    private static readonly Lazy<Task<string>> SharedKeys = new(CreateKeysAsync);
    private readonly AzuriteFixture _azurite;
    private readonly LedgerAppOptions _options;
    private readonly string _keyDirectory;

    /// <param name="azurite">The emulator.</param>
    /// <param name="options">How this app differs from the default.</param>
    /// <param name="sharedNames">Another app's storage names, to run a second app on the same containers, queue and tables.</param>
    internal LedgerAppFactory(AzuriteFixture azurite, LedgerAppOptions? options = null, LedgerStorageNames? sharedNames = null)
    {
        _azurite = azurite;
        _options = options ?? new LedgerAppOptions();
        _keyDirectory = SharedKeys.Value.GetAwaiter().GetResult();
        Faults = new FaultInjectionTransport(azurite.Instance.CreateTransport());
        Names = sharedNames ?? new LedgerStorageNames
        {
            RecordsContainer = UniqueNames.Container("records"),
            CheckpointsContainer = UniqueNames.Container("checkpoints"),
            EventsQueue = UniqueNames.Queue("events"),
            LedgerTable = UniqueNames.Table("ledger"),
            IdempotencyTable = UniqueNames.Table("idempotency"),
            DirectoryTable = UniqueNames.Table("directory"),
            ReplayTable = UniqueNames.Table("replays"),
        };
    }

    /// <summary>Gets the transport every storage request of the app goes through.</summary>
    public FaultInjectionTransport Faults { get; }

    /// <summary>Gets the storage names this app uses.</summary>
    internal LedgerStorageNames Names { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Gets the app's storage clients (the same names, through the same fault transport).</summary>
    internal LedgerStorage Storage => Services.GetRequiredService<LedgerStorage>();

    internal LedgerLogSet Ledger => Services.GetRequiredService<LedgerLogSet>();

    /// <summary>Gets a client of the emulator that bypasses the app's fault transport (for setting up and inspecting).</summary>
    public StorageAccount Direct => _azurite.CreateAccount();

    /// <summary>Runs one checkpoint pass, as the timer would.</summary>
    public Task<IReadOnlyList<LogCheckpointOutcome>> CheckpointAsync() =>
        Services.GetRequiredService<ILedgerCheckpointer>().CheckpointAsync(TestContext.Current.CancellationToken);

    /// <summary>
    /// Plays the Functions host once: receives every visible event message and posts each, in the host's exact payload,
    /// through the dispatcher; deletes the successes; returns the outcomes.
    /// </summary>
    public async Task<IReadOnlyList<InvocationOutcome>> DeliverQueuedAsync(bool delete = true)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var queue = Services.GetRequiredService<ITriggerQueueClient>();
        var dispatcher = Services.GetRequiredService<InvocationDispatcher>();
        var binding = Triggers.LedgerAppendHandler.Trigger;
        var outcomes = new List<InvocationOutcome>();
        while (true)
        {
            var batch = await queue.ReceiveMessagesAsync(binding.QueueName, 32, TimeSpan.FromSeconds(1), cancellationToken);
            if (batch.Count == 0)
            {
                return outcomes;
            }

            foreach (var message in batch)
            {
                var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText));
                var payload = HostInvocationPayloads.ForQueueMessage(
                    Triggers.TriggerFunctionNames.LedgerAppend, binding, text, message, DateTimeOffset.UtcNow, Guid.NewGuid());
                var outcome = await dispatcher.DispatchAsync(Triggers.TriggerFunctionNames.LedgerAppend, payload, null, cancellationToken);
                outcomes.Add(outcome);
                if (outcome.Succeeded && delete)
                {
                    await queue.DeleteMessageAsync(binding.QueueName, message.MessageId, message.PopReceipt, cancellationToken);
                }
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = TestSettings.Development()
            .With("AzureWebJobsStorage", _azurite.ConnectionString)
            .With("MedLedger:LocalKeyDirectory", _keyDirectory)
            .With("MedLedger:CheckpointInterval", "00:00:01");
        foreach (var (key, value) in _options.Settings)
        {
            settings.With(key, value);
        }

        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureTestServices(services =>
        {
            services.Configure<LedgerStorageNames>(names =>
            {
                names.RecordsContainer = Names.RecordsContainer;
                names.CheckpointsContainer = Names.CheckpointsContainer;
                names.EventsQueue = Names.EventsQueue;
                names.LedgerTable = Names.LedgerTable;
                names.IdempotencyTable = Names.IdempotencyTable;
                names.DirectoryTable = Names.DirectoryTable;
                names.ReplayTable = Names.ReplayTable;
            });
            services.AddSingleton(_ =>
            {
                // No retries: an injected fault must surface at once, not after back-off.
                var storageOptions = new StorageClientOptions { Transport = Faults };
                storageOptions.Retry.MaxRetries = 0;
                return storageOptions;
            });
            services.PostConfigure<LocalHostOptions>(local =>
            {
                local.Enabled &= _options.LocalHost;
                if (local.Queues is { } queues)
                {
                    local.Queues = queues with { VisibilityTimeout = _options.RetryVisibilityTimeout, MaxDequeueCount = _options.MaxDequeueCount };
                }
            });
            _options.ConfigureServices?.Invoke(services);
        });
    }

    /// <summary>Clients act as <see cref="TestPrincipals.DefaultUser"/> unless a test says otherwise (<see cref="TestPrincipals.As"/>).</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.As(TestPrincipals.DefaultUser);
    }

    /// <summary>Creates a client acting as <paramref name="userKey"/> (null: anonymous).</summary>
    public HttpClient CreateClientAs(string? userKey) => CreateClient().As(userKey);

    /// <summary>Adds patients of <paramref name="clinic"/> to the app's directory (the demo directory is seeded on first use).</summary>
    public async Task AddPatientsAsync(IEnumerable<string> patientIds, string clinic = "clinic-a")
    {
        var directory = Services.GetRequiredService<MedLedger.Infrastructure.Access.TableDirectory>();
        await Services.GetRequiredService<MedLedger.Functions.Access.DirectorySeeding>().EnsureAsync(TestContext.Current.CancellationToken);
        foreach (var patientId in patientIds)
        {
            var pseudonym = Services.GetRequiredService<MedLedger.Functions.Patients.PatientPseudonymizer>().Pseudonymize(patientId);
            var result = await directory.AddPatientAsync(new MedLedger.Access.UserDirectory.DirectoryPatient(patientId, clinic), pseudonym, TestContext.Current.CancellationToken);
            Assert.True(result.Succeeded, result.ToString());
        }
    }

    private static async Task<string> CreateKeysAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"medledger-functions-tests-{Environment.ProcessId}", "keys");
        await DevelopmentKeyDirectory.CreateAsync(directory);
        return directory;
    }
}
