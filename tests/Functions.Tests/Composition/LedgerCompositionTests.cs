using System.Net;
using System.Text.Json;
using MedLedger.Clients.KeyVault;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Testing.Azurite;
using MedLedger.Testing.KeyVault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedLedger.Functions.Tests.Composition;

/// <summary>The composition from settings: several logs, Key Vault keys (the fake vault stands in for key operations only), health.</summary>
public sealed class LedgerCompositionTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Fact]
    public async Task SeveralLogs_PatientsSpreadDeterministically_EachLogSignsAndProvesItself()
    {
        var options = new LedgerAppOptions { LocalHost = false };
        options.Settings["MedLedger:LogCount"] = "3";
        await using var app = new LedgerAppFactory(azurite, options);
        using var client = app.CreateClient();
        await app.AddPatientsAsync(Enumerable.Range(0, 24).Select(i => $"patient-{i}"));

        var submitted = new List<(string Patient, string RecordId, string EventId)>();
        foreach (var patient in Enumerable.Range(0, 24).Select(i => $"patient-{i}").Append("patient-3"))
        {
            var (recordId, eventId, _) = await RecordRequests.AcceptedAsync(await client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody(patientId: patient)), _cancellation));
            submitted.Add((patient, recordId, eventId));
        }

        await app.DeliverQueuedAsync();
        await app.CheckpointAsync();

        string LogName(string id) => id[1] == '0' ? LedgerApi.Origin : $"{LedgerApi.Origin}/{id[1]}";
        var pem = await client.GetStringAsync("/api/ledger/public-key", _cancellation);
        foreach (var (patient, recordId, eventId) in submitted)
        {
            Assert.Equal(recordId[1], eventId[1]);
            var view = await LedgerApi.GetEventAsync(client, eventId);
            Assert.Equal(LogName(recordId), view.Log);
            using var key = CheckpointVerifierKey.FromPublicKeyPem(view.Log, pem);
            LedgerApi.Verify(view.Receipt!, key, view.Log);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/patients/{patient}/records/{recordId}", _cancellation)).StatusCode);
        }

        Assert.True(submitted.Select(s => s.RecordId[1]).Distinct().Count() > 1, "24 patients all landed in one of 3 logs");
        var samePatient = submitted.Where(s => s.Patient == "patient-3").Select(s => s.RecordId[1]).ToList();
        Assert.Equal(2, samePatient.Count);
        Assert.Single(samePatient.Distinct());
        foreach (var log in submitted.Select(s => LogName(s.RecordId)).Distinct())
        {
            var note = await client.GetStringAsync($"/api/ledger/checkpoint?log={Uri.EscapeDataString(log)}", _cancellation);
            using var key = CheckpointVerifierKey.FromPublicKeyPem(log, pem);
            Assert.True(CheckpointVerifier.Verify(note, [key], log).IsValid);
        }
    }

    [Fact]
    public async Task KeyVault_WrapsRecordKeysAndSignsCheckpoints()
    {
        var vault = new FakeKeyVault();
        var wrapping = vault.AddRsaKey("record-wrapping", 3072);
        var signing = vault.AddEcKey("checkpoint-signing");
        await using var app = new LedgerAppFactory(azurite, KeyVaultOptions(vault));
        using var client = app.CreateClient();

        var (recordId, eventId, _) = await RecordRequests.AcceptedAsync(await client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), _cancellation));
        await app.DeliverQueuedAsync();
        await app.CheckpointAsync();

        var key = await LedgerApi.PublicKeyAsync(client);
        Assert.Equal(vault.GetEcKey(signing).ExportSubjectPublicKeyInfo(), key.PublicKeyInfo.ToArray());
        var entry = LedgerApi.Verify((await LedgerApi.GetEventAsync(client, eventId)).Receipt!, key).Entry!;
        Assert.Equal(wrapping.ToString(), entry.Data.GetProperty("keyId").GetString());
        var read = await client.GetAsync($"/api/patients/p-1/records/{recordId}", _cancellation);
        Assert.Equal(RecordRequests.ObservationJson, await read.Content.ReadAsStringAsync(_cancellation));
        Assert.Contains(vault.Requests, r => r.Path.EndsWith("/wrapkey", StringComparison.Ordinal));
        Assert.Contains(vault.Requests, r => r.Path.EndsWith("/sign", StringComparison.Ordinal));
        Assert.Empty(vault.Violations);
    }

    [Fact]
    public async Task KeyVault_KeyMissing_HealthAndKeyedOperationsAre503()
    {
        var vault = new FakeKeyVault();
        vault.AddEcKey("checkpoint-signing");
        await using var app = new LedgerAppFactory(azurite, KeyVaultOptions(vault));
        using var client = app.CreateClient();

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/health", _cancellation), HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/ledger/public-key", _cancellation), HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
        var submit = await client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody()), _cancellation);
        await ProblemAssert.IsProblemAsync(submit, HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
        Assert.Equal(0, StorageRequests.CountBlobUploads(app.Faults, app.Names.RecordsContainer));
    }

    [Fact]
    public async Task Health_WithStorageAndKeys_IsHealthy_AndUnhealthyWhenStorageFails()
    {
        await using var app = new LedgerAppFactory(azurite, new LedgerAppOptions { LocalHost = false });
        using var client = app.CreateClient();

        var healthy = await client.GetAsync("/api/health", _cancellation);
        using (var body = JsonDocument.Parse(await healthy.Content.ReadAsStringAsync(_cancellation)))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
            Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        }

        app.Faults.Respond(1, StorageRequests.ServerBusy, request => request.Uri.Path.Contains(app.Names.LedgerTable, StringComparison.Ordinal));
        var unhealthy = await client.GetAsync("/api/health", _cancellation);

        var problem = await ProblemAssert.IsProblemAsync(unhealthy, HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
        Assert.DoesNotContain("ServerBusy", problem.GetRawText(), StringComparison.Ordinal);
    }

    private static LedgerAppOptions KeyVaultOptions(FakeKeyVault vault)
    {
        var options = new LedgerAppOptions { LocalHost = false };
        options.Settings["MedLedger:LocalKeyDirectory"] = null;
        options.Settings["MedLedger:KeyVaultUri"] = vault.VaultUri.ToString();
        options.Settings["MedLedger:WrappingKeyName"] = "record-wrapping";
        options.Settings["MedLedger:SigningKeyName"] = "checkpoint-signing";
        options.ConfigureServices = services => services.Replace(ServiceDescriptor.Singleton(_ => vault.CreateClient()));
        return options;
    }
}
