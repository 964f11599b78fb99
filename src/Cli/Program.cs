using MedLedger.Cli;

return await MedLedgerCli.RunAsync(args, Console.Out, Console.Error, CliEnvironment.ForConsole()).ConfigureAwait(false);
