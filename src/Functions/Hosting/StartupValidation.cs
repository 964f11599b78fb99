using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Hosting;

/// <summary>Runs the app after checking its settings; a configuration fault ends the process with one line on standard error.</summary>
internal static class StartupValidation
{
    /// <summary>The exit code for a configuration fault (sysexits.h <c>EX_CONFIG</c>).</summary>
    public const int ConfigurationErrorExitCode = 78;

    /// <summary>Validates every option registered with <c>ValidateOnStart</c>, then runs the app until shutdown.</summary>
    /// <returns>0 after a normal shutdown; <see cref="ConfigurationErrorExitCode"/> when a setting is missing or contradictory.</returns>
    public static async Task<int> RunOrReportConfigurationErrorAsync(this WebApplication app)
    {
        try
        {
            // The same check the host runs first thing in StartAsync, done here so that a failure is one line
            // instead of an exception with a stack trace.
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception exception) when (ConfigurationErrorLine(exception) is { } line)
        {
            await Console.Error.WriteLineAsync(line).ConfigureAwait(false);
            return ConfigurationErrorExitCode;
        }

        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>Formats options-validation failures as one line, or returns <see langword="null"/> for any other exception.</summary>
    public static string? ConfigurationErrorLine(Exception exception)
    {
        var failures = exception switch
        {
            OptionsValidationException single => single.Failures,
            AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
                aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures),
            _ => null,
        };
        if (failures is null)
        {
            return null;
        }

        var text = string.Join("; ", failures.Select(f => f.ReplaceLineEndings(" ").Trim()));
        return $"MedLedger cannot start: configuration error: {text}";
    }
}
