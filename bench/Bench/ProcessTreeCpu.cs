using System.Diagnostics;
using System.Globalization;

namespace MedLedger.Bench;

/// <summary>CPU time of a process and its descendants (Linux /proc), for splitting a benchmark's CPU between this process and Azurite.</summary>
internal static class ProcessTreeCpu
{
    /// <summary>Gets the CPU time used so far by <paramref name="rootProcessId"/> and every process it started.</summary>
    public static TimeSpan Of(int rootProcessId)
    {
        var total = TimeSpan.Zero;
        var pending = new Stack<int>([rootProcessId]);
        while (pending.TryPop(out var pid))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                total += process.TotalProcessorTime;
            }
            catch (ArgumentException)
            {
                continue;
            }

            var children = $"/proc/{pid}/task/{pid}/children";
            if (File.Exists(children))
            {
                foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    pending.Push(int.Parse(child, CultureInfo.InvariantCulture));
                }
            }
        }

        return total;
    }

    /// <summary>Gets the CPU time this process has used so far.</summary>
    public static TimeSpan OfThisProcess()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
