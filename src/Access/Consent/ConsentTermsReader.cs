using System.Text.Json;
using MedLedger.Access.Json;

namespace MedLedger.Access.Consent;

/// <summary>Reads the members consent terms share between the request body and the canonical form.</summary>
internal static class ConsentTermsReader
{
    private const int MaxCodes = 16;

    /// <summary>Reads <c>actions</c>, <c>purposes</c>, <c>categories</c> and <c>period</c> of <paramref name="obj"/>.</summary>
    public static ConsentTerms ReadBody(JsonElement obj, string path, Grantee grantee)
    {
        var actions = JsonRead.DistinctCodes(
            JsonRead.Required(obj, path, "actions"), JsonRead.Member(path, "actions"), MaxCodes, ConsentCodes.ParseAction, "access, disclose");
        var purposesPath = JsonRead.Member(path, "purposes");
        var purposes = JsonRead.DistinctCodes(
            JsonRead.Required(obj, path, "purposes"), purposesPath, MaxCodes, ConsentCodes.ParsePurpose, "TREAT, HPAYMT, HOPERAT, HRESCH");
        for (var i = 0; i < purposes.Count; i++)
        {
            if (!purposes[i].IsGrantable())
            {
                throw new JsonInputException(
                    JsonRead.Index(purposesPath, i),
                    $"{purposes[i].ToCode()} cannot be granted by consent: break-glass (ETREAT) and the patient's own access (PATRQT) have their own rules.");
            }
        }

        var (categories, nonSensitive) = ReadCategories(JsonRead.Required(obj, path, "categories"), JsonRead.Member(path, "categories"));
        var period = ReadPeriod(JsonRead.Required(obj, path, "period"), JsonRead.Member(path, "period"));
        return ConsentTerms.Create(grantee, actions, purposes, categories, nonSensitive, period);
    }

    private static (List<RecordCategory> Categories, bool NonSensitive) ReadCategories(JsonElement value, string path)
    {
        var nonSensitive = false;
        var categories = new List<RecordCategory>();
        var items = JsonRead.Array(value, path, MaxCodes);
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = JsonRead.Index(path, i);
            var code = JsonRead.String(items[i], itemPath);
            bool added;
            if (code == ConsentCodes.NonSensitive)
            {
                added = !nonSensitive;
                nonSensitive = true;
            }
            else
            {
                var category = ConsentCodes.ParseCategory(code)
                    ?? throw new JsonInputException(itemPath, "Unknown code; expected one of: general, oncology, mental-health, substance-use, genetic, non-sensitive.");
                added = !categories.Contains(category);
                categories.Add(category);
            }

            if (!added)
            {
                throw new JsonInputException(itemPath, "This code appears twice.");
            }
        }

        return (categories, nonSensitive);
    }

    private static ConsentPeriod ReadPeriod(JsonElement value, string path)
    {
        JsonRead.Object(value, path, "start", "end");
        var start = ReadInstant(value, path, "start");
        var end = ReadInstant(value, path, "end");
        return start < end
            ? new ConsentPeriod(start, end)
            : throw new JsonInputException(JsonRead.Member(path, "end"), "The period must end after it starts.");
    }

    private static DateTimeOffset ReadInstant(JsonElement obj, string path, string name)
    {
        var text = JsonRead.RequiredString(obj, path, name);
        return InstantText.TryParse(text, out var instant)
            ? instant
            : throw new JsonInputException(JsonRead.Member(path, name), "Expected an RFC 3339 date-time with whole seconds and an offset, such as 2026-01-01T00:00:00Z.");
    }
}
