using System.Buffers.Binary;
using System.Text;

namespace MedLedger.Infra.Tests.Packaging;

/// <summary>
/// Reads a zip's central directory directly (APPNOTE.TXT 4.3.12, 4.3.16), independently of
/// System.IO.Compression, to see the fields the platform's unzip relies on: "version made by" and the external
/// attributes that carry the Unix mode.
/// </summary>
internal static class ZipCentralDirectory
{
    public static IReadOnlyList<ZipCentralEntry> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var end = -1;
        for (var i = bytes.Length - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) == 0x06054b50)
            {
                end = i;
                break;
            }
        }

        if (end < 0)
        {
            throw new InvalidDataException($"{path}: no end of central directory record");
        }

        int count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(end + 10));
        var offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(end + 16));
        var entries = new List<ZipCentralEntry>();
        for (var n = 0; n < count; n++)
        {
            var header = bytes.AsSpan(offset);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != 0x02014b50)
            {
                throw new InvalidDataException($"{path}: bad central directory header at {offset}");
            }

            var madeBy = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[30..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
            var external = BinaryPrimitives.ReadUInt32LittleEndian(header[38..]);
            var name = Encoding.UTF8.GetString(header.Slice(46, nameLength));
            entries.Add(new ZipCentralEntry(name, (byte)(madeBy >> 8), external >> 16));
            offset += 46 + nameLength + extraLength + commentLength;
        }

        return entries;
    }
}
