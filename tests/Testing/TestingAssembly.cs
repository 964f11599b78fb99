namespace MedLedger.Testing;

/// <summary>Marks the shared test-support assembly.</summary>
public static class TestingAssembly;
