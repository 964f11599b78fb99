namespace MedLedger.Clients.Storage;

/// <summary>The naming rule containers and queues share.</summary>
internal static class ResourceNames
{
    /// <summary>
    /// Checks a container or queue name: 3-63 lowercase letters, digits and single hyphens, starting and ending with a
    /// letter or digit.
    /// </summary>
    /// <param name="name">The name to check.</param>
    /// <param name="kind">What is named, capitalized, for the message (for example "Queue").</param>
    /// <exception cref="ArgumentException">The name breaks the rule.</exception>
    public static void ValidateLowercaseName(string name, string kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        var valid = name.Length is >= 3 and <= 63
            && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            && name[0] != '-' && name[^1] != '-'
            && !name.Contains("--", StringComparison.Ordinal);
        if (!valid)
        {
            throw new ArgumentException(
                $"{kind} name '{name}' is invalid: use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(name));
        }
    }
}
