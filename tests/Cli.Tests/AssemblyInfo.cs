[assembly: CaptureConsole]
[assembly: AssemblyFixture(typeof(MedLedger.Testing.Azurite.AzuriteFixture))]
