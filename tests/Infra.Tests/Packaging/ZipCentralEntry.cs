namespace MedLedger.Infra.Tests.Packaging;

/// <summary>One central directory entry: name, the host system that made it (3 = Unix), and the Unix mode bits.</summary>
internal sealed record ZipCentralEntry(string Name, byte MadeBySystem, uint UnixMode)
{
    public const byte Unix = 3;

    public bool IsExecutable => (UnixMode & 0b001_001_001) == 0b001_001_001;

    public bool IsRegularFile => (UnixMode & 0xF000) == 0x8000;
}
