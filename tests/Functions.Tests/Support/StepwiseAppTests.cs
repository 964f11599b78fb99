using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.Support;

/// <summary>
/// Base of the test classes that drive the whole app step by step: each test gets its own <see cref="LedgerAppFactory"/>
/// against Azurite with the local host off (the test plays the Functions host with
/// <see cref="LedgerAppFactory.DeliverQueuedAsync"/> and <see cref="LedgerAppFactory.CheckpointAsync"/>) and a client of it.
/// </summary>
public abstract class StepwiseAppTests : IAsyncLifetime
{
    protected StepwiseAppTests(AzuriteFixture azurite) => Azurite = azurite;

    /// <summary>Gets the emulator (for a second app on the same storage).</summary>
    protected AzuriteFixture Azurite { get; }

    /// <summary>Gets the current test's cancellation token.</summary>
    protected CancellationToken Cancellation { get; } = TestContext.Current.CancellationToken;

    /// <summary>Gets the app of the current test.</summary>
    protected LedgerAppFactory App { get; private set; } = null!;

    /// <summary>Gets a client of <see cref="App"/>.</summary>
    protected HttpClient Client { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        App = new LedgerAppFactory(Azurite, new LedgerAppOptions { LocalHost = false });
        Client = App.CreateClient();
        return ValueTask.CompletedTask;
    }

    public virtual async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
