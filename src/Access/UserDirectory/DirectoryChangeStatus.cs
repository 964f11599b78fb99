namespace MedLedger.Access.UserDirectory;

/// <summary>How a change to the directory ended.</summary>
public enum DirectoryChangeStatus
{
    /// <summary>The change was made.</summary>
    Applied,

    /// <summary>The entry to change or remove does not exist.</summary>
    NotFound,

    /// <summary>The entry to add exists already (same id).</summary>
    AlreadyExists,

    /// <summary>The patient already has another user; each patient has at most one.</summary>
    PatientTaken,

    /// <summary>The entry changed since it was read (a concurrent change); read it again and retry.</summary>
    Conflict,

    /// <summary>The entry breaks a directory rule (<see cref="DirectoryChangeResult.Problem"/> says which); nothing was changed.</summary>
    Invalid,
}
