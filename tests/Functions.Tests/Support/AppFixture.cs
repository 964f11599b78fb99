namespace MedLedger.Functions.Tests.Support;

/// <summary>One app with Azure-like settings (local host off), shared by the tests of a class.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public FunctionsAppFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
