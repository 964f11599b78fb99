using MedLedger.Access.Consent;

namespace MedLedger.Infrastructure.Access;

/// <summary>A patient's consent state as the log holds it, and how far the log was read.</summary>
/// <param name="State">Every grant and revocation up to the instant asked for.</param>
/// <param name="LatestChange">The log time of the newest grant or revocation included; null when there is none.</param>
/// <remarks>
/// Decisions should be made at an instant no earlier than <see cref="LatestChange"/>: then every consent event already in
/// the log counts, even if the deciding instance's clock runs behind the one that appended it — a revocation applies to
/// the very next request.
/// </remarks>
public sealed record ConsentSnapshot(ConsentState State, DateTimeOffset? LatestChange);
