namespace MedLedger.Functions.Storage;

/// <summary>Starts <see cref="StorageProvisioner"/> when the app starts, without waiting for it.</summary>
internal sealed class StorageProvisioningService(StorageProvisioner provisioner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        provisioner.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
