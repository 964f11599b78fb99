using System.Text;

namespace MedLedger.Functions.Http;

/// <summary>Describes an exception for the log without its messages, which may quote request data (patient ids, values).</summary>
/// <remarks>
/// Example: <c>System.InvalidOperationException at MedLedger.X.Y.Method ← System.FormatException at System.Number.Parse</c>.
/// The types and throw sites are enough to find the fault in the code; the correlation id ties the line to the request.
/// </remarks>
internal static class ExceptionDescription
{
    private const int MaxDepth = 5;

    /// <summary>Returns the exception types and throw sites from outer to inner, with no message text and no stack trace.</summary>
    public static string Describe(Exception exception)
    {
        var text = new StringBuilder();
        var current = exception;
        for (var depth = 0; current is not null && depth < MaxDepth; depth++, current = current.InnerException)
        {
            if (depth > 0)
            {
                text.Append(" <- ");
            }

            text.Append(current.GetType().FullName);
            if (current.TargetSite is { } site)
            {
                text.Append(" at ").Append(site.DeclaringType?.FullName).Append('.').Append(site.Name);
            }
        }

        return text.ToString();
    }
}
