using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using MedLedger.Clients.Tables;

namespace MedLedger.Clients.Tests.Tables;

public sealed class TableEntityJsonTests
{
    [Fact]
    public void Serialize_AnnotatesTypesJsonCannotSay()
    {
        var entity = new TableEntity("p", "r")
        {
            ["S"] = "x",
            ["I"] = 5,
            ["L"] = 5000000000L,
            ["D"] = 5.0,
            ["B"] = false,
            ["Bin"] = new byte[] { 1, 2 },
            ["At"] = new DateTimeOffset(2026, 1, 6, 10, 0, 0, TimeSpan.FromHours(1)),
            ["G"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        };

        var json = Encoding.UTF8.GetString(TableEntityJson.Serialize(entity));

        Assert.Equal(
            "{\"PartitionKey\":\"p\",\"RowKey\":\"r\",\"S\":\"x\",\"I\":5,\"L@odata.type\":\"Edm.Int64\",\"L\":\"5000000000\","
            + "\"D@odata.type\":\"Edm.Double\",\"D\":5,\"B\":false,\"Bin@odata.type\":\"Edm.Binary\",\"Bin\":\"AQI=\","
            + "\"At@odata.type\":\"Edm.DateTime\",\"At\":\"2026-01-06T09:00:00.0000000Z\","
            + "\"G@odata.type\":\"Edm.Guid\",\"G\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}",
            json);
    }

    [Fact]
    public void Deserialize_MinimalMetadata_ReadsTypesETagAndTimestamp()
    {
        const string json = """
            {"odata.etag":"W/\"datetime'2026-01-06T10%3A00%3A00.1234567Z'\"","PartitionKey":"p","RowKey":"r",
             "Timestamp":"2026-01-06T10:00:00.1234567Z","I":7,"D":1.5,"Big@odata.type":"Edm.Int64","Big":"-9223372036854775808",
             "N@odata.type":"Edm.Double","N":"NaN","Flag":true,"Skip":null}
            """;

        using var document = JsonDocument.Parse(json);
        var entity = TableEntityJson.Deserialize(document.RootElement);

        Assert.Equal("W/\"datetime'2026-01-06T10%3A00%3A00.1234567Z'\"", entity.ETag.ToString());
        Assert.Equal(new DateTimeOffset(2026, 1, 6, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567), entity.Timestamp);
        Assert.Equal(7, entity.GetInt32("I"));
        Assert.Equal(1.5, entity.GetDouble("D"));
        Assert.Equal(long.MinValue, entity.GetInt64("Big"));
        Assert.True(double.IsNaN(entity.GetDouble("N")));
        Assert.True(entity.GetBoolean("Flag"));
        Assert.False(entity.TryGetValue("Skip", out _));
        Assert.False(entity.TryGetValue("Timestamp", out _));
    }

    [Theory]
    [InlineData("{\"RowKey\":\"r\"}")]
    [InlineData("{\"PartitionKey\":\"p\",\"RowKey\":\"r\",\"X@odata.type\":\"Edm.Int64\",\"X\":\"twelve\"}")]
    [InlineData("{\"PartitionKey\":\"p\",\"RowKey\":\"r\",\"X@odata.type\":\"Edm.Unknown\",\"X\":\"1\"}")]
    [InlineData("{\"PartitionKey\":\"p\",\"RowKey\":\"r\",\"X\":[1]}")]
    public void Deserialize_Malformed_ThrowsFormatException(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Throws<FormatException>(() => TableEntityJson.Deserialize(document.RootElement));
    }

    [Fact]
    public void GetTyped_WrongType_ThrowsNamingBothTypes()
    {
        var entity = new TableEntity("p", "r") { ["Size"] = 5L };

        var error = Assert.Throws<InvalidOperationException>(() => entity.GetInt32("Size"));

        Assert.Equal("The property is Edm.Int64, not Edm.Int32.", error.Message);
        Assert.Throws<KeyNotFoundException>(() => entity.GetString("Missing"));
    }

    [Fact]
    public void SerializeThenDeserialize_AnyEntity_RoundTripsExactly()
    {
        var property = Prop.ForAll(TableGenerators.Entities().ToArbitrary(), entity =>
        {
            using var document = JsonDocument.Parse(TableEntityJson.Serialize(entity));
            var read = TableEntityJson.Deserialize(document.RootElement);
            return TableGenerators.SameContent(entity, read);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void SameContent_AnySingleChange_IsDetected()
    {
        // The comparison the round-trip property relies on must itself notice a change.
        var property = Prop.ForAll(TableGenerators.Entities().Where(e => e.Properties.Count > 0).ToArbitrary(), entity =>
        {
            var changed = TableGenerators.Copy(entity);
            var name = entity.Properties.Keys.First();
            changed[name] = entity[name].Type == TableEdmType.String ? (TableValue)(entity[name].AsString() + "!") : "changed";
            return !TableGenerators.SameContent(entity, changed);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }
}
