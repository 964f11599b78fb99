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
    IOptions<MedLedgerOptions> options,
    TableDirectory directory,
    StorageProvisioner provisioner,
    Patients.PatientPseudonymizer pseudonymizer,
    ILogger<DirectorySeeding> logger)
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
            var seed = DemoDirectory.Load();
            var pseudonyms = seed.Patients.ToDictionary(p => p.PatientId, p => pseudonymizer.Pseudonymize(p.PatientId), StringComparer.Ordinal);
            if (await directory.SeedAsync(seed, pseudonyms, cancellationToken).ConfigureAwait(false))
            {
                LogSeeded(logger);
            }
            else
            {
                // A seed applied by an earlier version has no pseudonym rows: add them, so GET /api/records/{id} finds
                // the demo patients' records too. Patients changed since keep what they are (only missing rows are added).
                foreach (var patient in seed.Patients)
                {
                    if (await directory.FindPatientIdAsync(pseudonyms[patient.PatientId], cancellationToken).ConfigureAwait(false) is null
                        && await directory.FindPatientAsync(patient.PatientId, cancellationToken).ConfigureAwait(false) is { } stored)
                    {
                        await directory.AddPatientAsync(stored, pseudonyms[patient.PatientId], cancellationToken).ConfigureAwait(false);
                    }
                }
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
