using MedLedger.Functions.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Tests.Support;

/// <summary>Runs the app's settings reader and validator over an in-memory configuration.</summary>
public static class OptionsValidation
{
    public static ValidateOptionsResult Validate(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new MedLedgerOptions();
        new MedLedgerOptionsSetup(configuration).Configure(options);
        return new MedLedgerOptionsValidator().Validate(Options.DefaultName, options);
    }
}
