using System.Text.Json;
using MedLedger.Functions.LocalHost;
using MedLedger.Functions.Tests.Support;

namespace MedLedger.Functions.Tests.Layout;

/// <summary>host.json at the repository root: the settings the Functions host needs for this app (azure-protocols.md §1.2, §1.9, §1.10).</summary>
public sealed class HostJsonTests
{
    private static readonly string Text = File.ReadAllText(RepositoryRoot.Combine("host.json"));

    [Fact]
    public void HostJson_IsStrictJson_WithVersionAndExtensionBundle()
    {
        using var document = JsonDocument.Parse(Text, new JsonDocumentOptions { AllowDuplicateProperties = false });
        var root = document.RootElement;
        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", root.GetProperty("extensionBundle").GetProperty("id").GetString());
        Assert.Equal("[4.*, 5.0.0)", root.GetProperty("extensionBundle").GetProperty("version").GetString());
    }

    [Fact]
    public void HostJson_CustomHandler_StartsTheAppAndForwardsHttp()
    {
        using var document = JsonDocument.Parse(Text);
        var handler = document.RootElement.GetProperty("customHandler");
        Assert.Equal("MedLedger.Functions", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
    }

    [Fact]
    public void HostJson_RoutePrefix_IsTheAppsApiPrefix()
    {
        using var document = JsonDocument.Parse(Text);
        var prefix = document.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString();
        Assert.Equal(MedLedger.Functions.Endpoints.ApiRoutes.Prefix, prefix);
    }

    [Fact]
    public void HostJson_Queues_AreExplicitAndReadableByTheLocalHost()
    {
        using var document = JsonDocument.Parse(Text);
        var queues = document.RootElement.GetProperty("extensions").GetProperty("queues");
        foreach (var key in new[] { "batchSize", "newBatchThreshold", "maxDequeueCount", "visibilityTimeout", "maxPollingInterval", "messageEncoding" })
        {
            Assert.True(queues.TryGetProperty(key, out _), $"extensions.queues.{key} is not set");
        }

        Assert.True(HostJsonReader.TryReadQueueSettings(Text, out var settings, out var error), error);
        Assert.Equal(5, settings.MaxDequeueCount);
        Assert.Equal(QueueMessageEncoding.Base64, settings.MessageEncoding);
        Assert.InRange(settings.BatchSize, 1, 32);
    }

    [Fact]
    public void HostJson_NextToTheApp_IsTheRepositoryCopy()
    {
        Assert.Equal(Text, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
    }
}
