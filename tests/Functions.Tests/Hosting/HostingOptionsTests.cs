using MedLedger.Functions.Hosting;
using Microsoft.Extensions.Configuration;

namespace MedLedger.Functions.Tests.Hosting;

public sealed class HostingOptionsTests
{
    [Fact]
    public void Setup_NoVariables_ListensLocallyOn7071()
    {
        var options = Read([]);
        Assert.False(options.UnderFunctionsHost);
        Assert.Equal(7071, options.ListenPort);
        Assert.Empty(options.SettingErrors);
    }

    [Fact]
    public void Setup_LocalPort_IsUsedWithoutTheHost()
    {
        var options = Read(new() { ["MEDLEDGER_PORT"] = "8080" });
        Assert.False(options.UnderFunctionsHost);
        Assert.Equal(8080, options.ListenPort);
    }

    [Fact]
    public void Setup_HostPort_WinsOverTheLocalPort()
    {
        var options = Read(new() { ["MEDLEDGER_PORT"] = "8080", ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "41234" });
        Assert.True(options.UnderFunctionsHost);
        Assert.Equal(41234, options.ListenPort);
    }

    [Theory]
    [InlineData("FUNCTIONS_CUSTOMHANDLER_PORT", "0")]
    [InlineData("FUNCTIONS_CUSTOMHANDLER_PORT", "-1")]
    [InlineData("FUNCTIONS_CUSTOMHANDLER_PORT", "port")]
    [InlineData("MEDLEDGER_PORT", "65536")]
    public void Setup_MalformedPort_IsReportedByName(string name, string value)
    {
        var options = Read(new() { [name] = value });
        Assert.Equal([$"{name} must be a TCP port number between 1 and 65535."], options.SettingErrors);
        Assert.False(new HostingOptionsValidator().Validate(null, options).Succeeded);
    }

    private static HostingOptions Read(Dictionary<string, string?> values)
    {
        var options = new HostingOptions();
        new HostingOptionsSetup(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).Configure(options);
        return options;
    }
}
