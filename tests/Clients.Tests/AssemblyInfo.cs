using MedLedger.Testing.Azurite;

[assembly: CaptureConsole]
[assembly: AssemblyFixture(typeof(AzuriteFixture))]
