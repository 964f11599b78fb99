using System.Text.Json;
using System.Text.RegularExpressions;
using MedLedger.Functions.CustomHandler;
using MedLedger.Functions.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MedLedger.Functions.Tests.Layout;

/// <summary>
/// The deployment contract: every function.json has a handler in the app and every handler a function.json, with
/// the same route, methods, trigger and binding. The app's side is read from its endpoint data source.
/// </summary>
public sealed partial class FunctionDefinitionsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string DefinitionsDirectory = RepositoryRoot.Combine("src", "Functions", "FunctionDefinitions");

    [Fact]
    public void FunctionDefinitions_EachFolder_HoldsOnlyFunctionJson()
    {
        var folders = Directory.GetDirectories(DefinitionsDirectory);
        Assert.NotEmpty(folders);
        Assert.Empty(Directory.GetFiles(DefinitionsDirectory));
        foreach (var folder in folders)
        {
            Assert.Equal(["function.json"], Directory.GetFileSystemEntries(folder).Select(f => Path.GetFileName(f)!).ToArray());
            Assert.Matches(FunctionNamePattern(), Path.GetFileName(folder));
        }
    }

    [Fact]
    public void HttpFunctions_EveryDefinition_HasAnEndpointWithTheSameRouteAndMethods()
    {
        var endpoints = ApiEndpoints();
        foreach (var (name, bindings) in Definitions().Where(d => IsHttp(d.Bindings)))
        {
            Assert.Equal(2, bindings.Count); // forwarding applies only to an HTTP trigger plus an HTTP output (azure-protocols.md §1.9)
            var trigger = bindings.Single(b => b.GetProperty("type").GetString() == "httpTrigger");
            var output = bindings.Single(b => b.GetProperty("type").GetString() == "http");
            Assert.Equal("in", trigger.GetProperty("direction").GetString());
            Assert.Equal("out", output.GetProperty("direction").GetString());
            Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());

            Assert.True(endpoints.TryGetValue(name, out var endpoint), $"function.json {name} has no endpoint named {name}");
            Assert.Equal("/api/" + trigger.GetProperty("route").GetString(), endpoint.RoutePattern.RawText);
            var methods = trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).Order();
            Assert.Equal(methods, endpoint.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods.Order());
        }
    }

    [Fact]
    public void HttpFunctions_EveryApiEndpoint_HasAFunctionDefinition()
    {
        var endpoints = ApiEndpoints();
        Assert.NotEmpty(endpoints);
        var httpDefinitions = Definitions().Where(d => IsHttp(d.Bindings)).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in endpoints.Keys)
        {
            Assert.Contains(name, httpDefinitions);
        }
    }

    [Fact]
    public void TriggerFunctions_EveryDefinition_HasAHandlerEndpointWithTheSameBinding()
    {
        var handlers = TriggerEndpoints();
        var definitions = Definitions().Where(d => !IsHttp(d.Bindings)).ToList();
        Assert.NotEmpty(definitions);
        foreach (var (name, bindings) in definitions)
        {
            Assert.True(handlers.TryGetValue(name, out var endpoint), $"function.json {name} has no POST /{name} handler");
            var function = endpoint.Metadata.GetRequiredMetadata<TriggerFunction>();
            var binding = Assert.Single(bindings);
            Assert.Equal(function.Trigger.Type, binding.GetProperty("type").GetString());
            Assert.Equal(function.Trigger.Name, binding.GetProperty("name").GetString());
            Assert.Equal("in", binding.GetProperty("direction").GetString());
            switch (function.Trigger)
            {
                case QueueTriggerBinding queue:
                    Assert.Equal(queue.QueueName, binding.GetProperty("queueName").GetString());
                    Assert.Equal(queue.Connection, binding.GetProperty("connection").GetString());
                    break;
                case TimerTriggerBinding timer:
                    Assert.Equal(timer.Schedule, binding.GetProperty("schedule").GetString());
                    Assert.False(binding.GetProperty("runOnStartup").GetBoolean());
                    break;
                default:
                    Assert.Fail($"Unexpected trigger {function.Trigger}");
                    break;
            }
        }
    }

    [Fact]
    public void TriggerFunctions_EveryHandler_HasAFunctionDefinition()
    {
        var handlers = TriggerEndpoints();
        Assert.Contains("LedgerAppend", handlers.Keys);
        Assert.Contains("Checkpoint", handlers.Keys);
        foreach (var (name, endpoint) in handlers)
        {
            Assert.True(File.Exists(Path.Combine(DefinitionsDirectory, name, "function.json")), $"handler {name} has no function.json");
            Assert.Equal("/" + name, endpoint.RoutePattern.RawText);
            Assert.Equal(["POST"], endpoint.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods);
        }
    }

    [Fact]
    public void Endpoints_OutsideApiAndTriggers_AreOnlyTheReadinessProbe()
    {
        var others = RouteEndpoints()
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && e.Metadata.GetMetadata<TriggerFunction>() is null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.Equal(["/"], others);
    }

    private List<RouteEndpoint> RouteEndpoints() =>
        [.. app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    private Dictionary<string, RouteEndpoint> ApiEndpoints() =>
        RouteEndpoints()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .ToDictionary(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? throw new InvalidOperationException($"{e.RoutePattern.RawText} has no name"));

    private Dictionary<string, RouteEndpoint> TriggerEndpoints() =>
        RouteEndpoints()
            .Where(e => e.Metadata.GetMetadata<TriggerFunction>() is not null)
            .ToDictionary(e => e.Metadata.GetRequiredMetadata<TriggerFunction>().Name);

    private static IEnumerable<(string Name, List<JsonElement> Bindings)> Definitions()
    {
        foreach (var folder in Directory.GetDirectories(DefinitionsDirectory))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "function.json")));
            yield return (Path.GetFileName(folder), [.. document.RootElement.GetProperty("bindings").EnumerateArray().Select(b => b.Clone())]);
        }
    }

    private static bool IsHttp(List<JsonElement> bindings) => bindings.Any(b => b.GetProperty("type").GetString() == "httpTrigger");

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,126}$")]
    private static partial Regex FunctionNamePattern();
}
