using MedLedger.Functions.Configuration;
using MedLedger.Functions.Http;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.CustomHandler;

/// <summary>Composition of the custom-handler contract: registered trigger functions become <c>POST /&lt;FunctionName&gt;</c> routes.</summary>
internal static class CustomHandlerExtensions
{
    /// <summary>The header in which the host sends the invocation id (azure-protocols.md §1.5).</summary>
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    /// <summary>Registers the dispatcher and its registry.</summary>
    public static IServiceCollection AddInvocationDispatcher(this IServiceCollection services)
    {
        services.AddSingleton<TriggerFunctionRegistry>();
        services.AddSingleton<InvocationDispatcher>();
        return services;
    }

    /// <summary>Registers a trigger function and its handler (scoped: one instance per invocation).</summary>
    public static IServiceCollection AddTriggerFunction<THandler>(this IServiceCollection services, string name, TriggerBinding trigger)
        where THandler : class, ITriggerHandler
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new TriggerFunction(name, trigger, typeof(THandler)));
        return services;
    }

    /// <summary>Maps <c>POST /&lt;FunctionName&gt;</c> for every registered trigger function; each endpoint carries its <see cref="TriggerFunction"/> as metadata.</summary>
    public static IEndpointRouteBuilder MapTriggerFunctions(this IEndpointRouteBuilder endpoints)
    {
        var registry = endpoints.ServiceProvider.GetRequiredService<TriggerFunctionRegistry>();
        foreach (var function in registry.Functions)
        {
            var name = function.Name;
            endpoints.MapPost("/" + name, (HttpContext context, InvocationDispatcher dispatcher, IOptions<MedLedgerOptions> options) =>
                    InvokeAsync(name, context, dispatcher, options.Value.MaxRequestBodyBytes))
                .WithName(name)
                .WithMetadata(function)
                .ExcludeFromDescription();
        }

        return endpoints;
    }

    private static async Task InvokeAsync(string name, HttpContext context, InvocationDispatcher dispatcher, long limit)
    {
        var invocationId = context.Request.Headers[InvocationIdHeader].ToString();
        invocationId = invocationId.Length == 0 ? null : invocationId;
        var body = await BoundedBody.ReadAsync(context.Request, limit, context.RequestAborted).ConfigureAwait(false);
        var outcome = body is { } payload
            ? await dispatcher.DispatchAsync(name, payload, invocationId, context.RequestAborted).ConfigureAwait(false)
            : dispatcher.TooLarge(name, invocationId, limit);
        context.Response.StatusCode = outcome.StatusCode;
        await context.Response.WriteAsJsonAsync(
            outcome.Response,
            InvocationResponse.SerializerOptions,
            "application/json; charset=utf-8",
            context.RequestAborted).ConfigureAwait(false);
    }
}
