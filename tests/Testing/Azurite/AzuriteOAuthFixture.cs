using Xunit;

namespace MedLedger.Testing.Azurite;

/// <summary>An Azurite serving https with <c>--oauth basic</c>, for tests of Entra ID bearer tokens (which are
/// only ever sent over https). Use as a class fixture; it is separate from the shared http instance.</summary>
public sealed class AzuriteOAuthFixture : IAsyncLifetime
{
    private AzuriteInstance? _instance;

    /// <summary>Gets the running instance.</summary>
    public AzuriteInstance Instance => _instance ?? throw new InvalidOperationException("The Azurite OAuth fixture is not initialized.");

    /// <inheritdoc />
    public async ValueTask InitializeAsync() =>
        _instance = await AzuriteInstance.StartAsync(new AzuriteOptions { Https = true, OAuth = true }).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync().ConfigureAwait(false);
        }
    }
}
