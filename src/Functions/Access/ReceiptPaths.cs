using MedLedger.Functions.Endpoints;

namespace MedLedger.Functions.Access;

/// <summary>Links to receipts: <c>/api/ledger/events/{eventId}</c>.</summary>
internal static class ReceiptPaths
{
    /// <summary>Gets the receipt path of <paramref name="eventId"/>.</summary>
    public static string Of(string eventId) => $"/{ApiRoutes.Prefix}/ledger/events/{Uri.EscapeDataString(eventId)}";
}
