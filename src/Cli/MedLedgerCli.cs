using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Azure;
using MedLedger.Cli.Reporting;

namespace MedLedger.Cli;

/// <summary>The entry point of the <c>medledger</c> command: arguments in, exit code out, output to the given writers.</summary>
/// <remarks>
/// Exit codes (<see cref="ExitCodes"/>): 0 valid or done; 2 verification failed, with the first line of stdout
/// <c>invalid: [where: ]fault: detail</c>; 3 (<c>verify --connection</c>) a valid log whose records container holds
/// orphan blobs; 1 usage or I/O error, with one line <c>error: …</c> on stderr and never a stack
/// trace. Parse errors are reported the same way (not with the parser's help dump) so scripts get one line.
/// </remarks>
internal static class MedLedgerCli
{
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, TextWriter output, TextWriter error, CliEnvironment? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        environment ??= new CliEnvironment();
        try
        {
            var parsed = CliCommands.CreateRoot(environment).Parse(args);
            if (parsed.Action is ParseErrorAction)
            {
                return ErrorReport.Write(error, $"{parsed.Errors[0].Message} (see '{CommandPath(parsed.CommandResult)} --help')");
            }

            var configuration = new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            };
            if (!environment.HandlesTerminationSignals)
            {
                configuration.ProcessTerminationTimeout = null;
            }

            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandLineException exception)
        {
            return ErrorReport.Write(error, exception.Message);
        }
        catch (OperationCanceledException)
        {
            return ErrorReport.Write(error, "Cancelled.");
        }
        catch (RequestFailedException exception)
        {
            return ErrorReport.Write(error, Describe(exception));
        }
        catch (AggregateException exception) when (exception.InnerExceptions.Count > 0 && exception.InnerExceptions.All(e => e is RequestFailedException))
        {
            // Azure.Core's retry policy gives up with every attempt's failure; the last one says the most.
            return ErrorReport.Write(error, Describe((RequestFailedException)exception.InnerExceptions[^1]));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A bug, not bad input: still one line, so that output stays parseable; the type tells a developer where to look.
            return ErrorReport.Write(error, $"Unexpected {exception.GetType().Name}: {FirstLine(exception.Message)}");
        }
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult command)
            {
                names.Add(command.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string Describe(RequestFailedException exception)
    {
        if (exception.Status == 0)
        {
            return "The storage service could not be reached: " + FirstLine(exception.Message);
        }

        var code = string.IsNullOrEmpty(exception.ErrorCode) ? string.Empty : " " + exception.ErrorCode;
        return $"The storage service refused the request ({exception.Status}{code}): {FirstLine(exception.Message)}";
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOfAny(['\r', '\n']);
        return newline < 0 ? text : text[..newline];
    }
}
