namespace MedLedger.Clients.Tables;

/// <summary>Table name rules: 3-63 letters and digits, starting with a letter; "tables" is reserved.</summary>
internal static class TableNames
{
    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var valid = name.Length is >= 3 and <= 63
            && char.IsAsciiLetter(name[0])
            && name.All(char.IsAsciiLetterOrDigit)
            && !name.Equals("tables", StringComparison.OrdinalIgnoreCase);
        if (!valid)
        {
            throw new ArgumentException(
                $"Table name '{name}' is invalid: use 3-63 letters and digits, starting with a letter (not 'tables').",
                nameof(name));
        }
    }
}
