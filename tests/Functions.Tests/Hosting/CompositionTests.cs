using System.Net;
using MedLedger.Functions.Tests.Support;

namespace MedLedger.Functions.Tests.Hosting;

public sealed class CompositionTests
{
    [Fact]
    public async Task DevelopmentEnvironment_ValidatesTheWholeServiceGraphAndStarts()
    {
        // The Development environment turns on ValidateOnBuild and ValidateScopes: every registration must resolve.
        await using var factory = new FunctionsAppFactory(TestSettings.Azure(), environment: "Development");
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReadinessProbe_AnswersWithoutABody()
    {
        await using var factory = new FunctionsAppFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }
}
