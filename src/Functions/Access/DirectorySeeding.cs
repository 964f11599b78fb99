using MedLedger.Access.UserDirectory;
using MedLedger.Functions.Configuration;
using MedLedger.Functions.Storage;
using MedLedger.Infrastructure.Access;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Access;

/// <summary>
/// Local development mode only: writes the demo directory (<see cref="DemoDirectory"/>: dr-ada, dr-bo, pat-1, ins-1,
/// aud-1, admin-1) into the directory table once, after storage is provisioned, before the first request is authenticated.
/// </summary>
/// <remarks>A seed is applied once (<see cref="TableDirectory.SeedAsync"/>), so directory changes made through the admin
/// endpoints survive restarts. Outside development mode nothing is seeded: administrators fill the directory.</remarks>
/// <threadsafety>Safe for concurrent use; concurrent first requests share one seeding.</threadsafety>
internal sealed partial class DirectorySeeding(
    IOptions<MedLedgerOptions> options, TableDirectory directory, StorageProvisioner provisioner, ILogger<DirectorySeeding> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    /// <summary>Returns once the directory is ready to authenticate callers (at once outside development mode).</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_done || !options.Value.DevelopmentMode)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_done)
            {
                return;
            }

            await provisioner.WaitForFirstAttemptAsync(cancellationToken).ConfigureAwait(false);
            if (await directory.SeedAsync(DemoDirectory.Load(), cancellationToken).ConfigureAwait(false))
            {
                LogSeeded(logger);
            }

            _done = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Development mode: the demo directory (dr-ada, dr-bo, pat-1, ins-1, aud-1, admin-1) was written to the directory table")]
    private static partial void LogSeeded(ILogger logger);
}
