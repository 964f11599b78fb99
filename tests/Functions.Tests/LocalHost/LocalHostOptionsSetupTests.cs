using MedLedger.Functions.Configuration;
using MedLedger.Functions.Hosting;
using MedLedger.Functions.LocalHost;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Tests.LocalHost;

public sealed class LocalHostOptionsSetupTests
{
    [Fact]
    public void Configure_EnabledWithoutHostJson_IsAConfigurationError()
    {
        var options = new LocalHostOptions { HostJsonPath = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "host.json") };
        Setup(developmentMode: true, underHost: false).Configure(options);

        Assert.True(options.Enabled);
        var failure = Assert.Single(new LocalHostOptionsValidator().Validate(null, options).Failures!);
        Assert.StartsWith("host.json could not be read at ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_EnabledWithBadHostJson_NamesTheKeyAndFile()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, """{"extensions":{"queues":{"maxDequeueCount":0}}}""");
        try
        {
            var options = new LocalHostOptions { HostJsonPath = path };
            Setup(developmentMode: true, underHost: false).Configure(options);
            var failure = Assert.Single(new LocalHostOptionsValidator().Validate(null, options).Failures!);
            Assert.Equal($"host.json extensions.queues.maxDequeueCount must be a whole number from 1 to 2147483647 ({path}).", failure);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void Configure_OffUnlessLocalAndDevelopment_ReadsNothing(bool developmentMode, bool underHost)
    {
        var options = new LocalHostOptions { HostJsonPath = "/nonexistent/host.json" };
        Setup(developmentMode, underHost).Configure(options);

        Assert.False(options.Enabled);
        Assert.Null(options.Queues);
        Assert.True(new LocalHostOptionsValidator().Validate(null, options).Succeeded);
    }

    private static LocalHostOptionsSetup Setup(bool developmentMode, bool underHost) => new(
        Options.Create(new HostingOptions { CustomHandlerPort = underHost ? 40000 : null }),
        Options.Create(new MedLedgerOptions { DevelopmentMode = developmentMode }));
}
