using MedLedger.Clients.Pipeline;
using MedLedger.Clients.Storage;
using Xunit;

namespace MedLedger.Testing.Azurite;

/// <summary>One in-memory Azurite for a whole test assembly (http, shared key).</summary>
/// <remarks>
/// Share it with <c>[assembly: AssemblyFixture(typeof(AzuriteFixture))]</c> and take it as a constructor
/// parameter. Tests run in parallel against it, so each test uses its own names (<see cref="UniqueNames"/>).
/// If Azurite is not installed, initialization fails, and with it every test that uses the fixture, with a message
/// saying to run <c>npm ci</c>: tests never skip silently.
/// </remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _instance;

    /// <summary>Gets the running instance.</summary>
    public AzuriteInstance Instance => _instance ?? throw new InvalidOperationException("The Azurite fixture is not initialized.");

    /// <summary>Gets the full emulator connection string.</summary>
    public string ConnectionString => Instance.ConnectionString;

    /// <summary>Gets the shared-key connection.</summary>
    public StorageConnection Connection => Instance.Connection;

    /// <summary>Creates an account entry point with the given (or default) options.</summary>
    public StorageAccount CreateAccount(StorageClientOptions? options = null) => new(Connection, options ?? Instance.CreateOptions());

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => _instance = await AzuriteInstance.StartAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync().ConfigureAwait(false);
        }
    }
}
