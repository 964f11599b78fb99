using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.Support;

/// <summary>
/// Base of the test classes that exercise the access layer end to end: each test gets its own <see cref="AccessApp"/>
/// (the app on Azurite with the demo directory and the local host off).
/// </summary>
public abstract class AccessAppTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite;

    protected AccessAppTests(AzuriteFixture azurite) => _azurite = azurite;

    /// <summary>Gets the current test's cancellation token.</summary>
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Gets the app of the current test.</summary>
    protected AccessApp App { get; private set; } = null!;

    /// <summary>Starts the app; a derived class that prepares more calls this first.</summary>
    public virtual ValueTask InitializeAsync()
    {
        App = new AccessApp(_azurite);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return App.DisposeAsync();
    }
}
