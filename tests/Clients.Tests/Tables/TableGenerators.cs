using FsCheck;
using FsCheck.Fluent;
using MedLedger.Clients.Tables;

namespace MedLedger.Clients.Tests.Tables;

/// <summary>Random keys, values and entities within the service's rules.</summary>
internal static class TableGenerators
{
    // Characters that are easy to get wrong in URLs, OData literals and JSON, plus non-ASCII.
    private static readonly char[] s_keyChars = "abcXYZ019 '\"%+&=;:,.!~*()[]{}@$-_<>|^`äßé€中😀".ToCharArray()
        .Where(c => !char.IsSurrogate(c)).ToArray();

    public static Gen<string> Keys() =>
        Gen.OneOf(
            Gen.Elements(s_keyChars).ArrayOf().Select(chars => new string(chars)),
            Gen.Elements("😀", "a'b", "%2F", "+", " ", "''", "x(y)z").ArrayOf().Select(parts => string.Concat(parts)))
        .Where(k => k.Length <= TableLimits.MaxKeyLength && TableKeys.Problem(k) is null);

    public static Gen<TableValue> Values() =>
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).Select(s => (TableValue)Sanitize(s)),
            ArbMap.Default.GeneratorFor<int>().Select(i => (TableValue)i),
            ArbMap.Default.GeneratorFor<long>().Select(l => (TableValue)l),
            ArbMap.Default.GeneratorFor<double>().Select(d => (TableValue)d),
            ArbMap.Default.GeneratorFor<bool>().Select(b => (TableValue)b),
            ArbMap.Default.GeneratorFor<byte[]>().Where(b => b is not null).Select(b => (TableValue)b),
            Gen.Choose(0, int.MaxValue).Select(s => (TableValue)new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks((long)s * 9_999_991)),
            ArbMap.Default.GeneratorFor<Guid>().Select(g => (TableValue)g));

    public static Gen<TableEntity> Entities() =>
        from pk in Keys()
        from rk in Keys()
        from count in Gen.Choose(0, 12)
        from values in Values().ArrayOf(count)
        select Build(pk, rk, values);

    public static bool SameContent(TableEntity expected, TableEntity actual) =>
        expected.PartitionKey == actual.PartitionKey
        && expected.RowKey == actual.RowKey
        && expected.Properties.Count == actual.Properties.Count
        && expected.Properties.All(p => actual.TryGetValue(p.Key, out var v) && Same(p.Value, v));

    public static TableEntity Copy(TableEntity entity)
    {
        var copy = new TableEntity(entity.PartitionKey, entity.RowKey);
        foreach (var (name, value) in entity.Properties)
        {
            copy[name] = value;
        }

        return copy;
    }

    private static bool Same(TableValue a, TableValue b) =>
        a.Type == TableEdmType.Double && b.Type == TableEdmType.Double
            ? a.AsDouble().Equals(b.AsDouble()) // NaN equals NaN here, as the round trip should keep it.
            : a == b;

    private static TableEntity Build(string pk, string rk, TableValue[] values)
    {
        var entity = new TableEntity(pk, rk);
        for (var i = 0; i < values.Length; i++)
        {
            entity["P" + i] = values[i];
        }

        return entity;
    }

    // Generated strings may hold lone surrogates, which no UTF-8 payload can carry: drop them.
    private static string Sanitize(string s) =>
        new(s.Where((c, i) => !char.IsSurrogate(c)).ToArray());
}
