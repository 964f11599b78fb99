using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedLedger.Functions.Http;

/// <summary>Composition of the HTTP rules every route follows: problem+json errors, body cap, strict JSON.</summary>
internal static class HttpHygieneExtensions
{
    /// <summary>Registers problem details, the exception handler and the strict JSON reader.</summary>
    public static WebApplicationBuilder AddHttpHygiene(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Registered before AddProblemDetails so that it is the writer the problem details service picks.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ProblemJsonWriter>());
        services.AddProblemDetails();
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.AddSingleton<StrictJsonReader>();
        return builder;
    }

    /// <summary>Adds, outermost first: the exception handler, problem bodies for empty error responses (404, 405…), routing, the body cap.</summary>
    public static WebApplication UseHttpHygiene(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // The handler logs a sanitized line itself; the middleware's own log would include the exception message.
            SuppressDiagnosticsCallback = _ => true,
        });
        app.UseStatusCodePages();
        // Explicit, so routing runs inside the handlers above rather than before them.
        app.UseRouting();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        return app;
    }
}
