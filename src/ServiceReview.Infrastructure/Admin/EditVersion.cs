using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Common;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Infrastructure.Admin;

/// <summary>
/// The "version" of a person, project or team that a form was built from: the id of the record's latest audit
/// entry (0 when it has none). People, projects and teams carry no concurrency stamp column, and every change to them
/// writes an audit entry, so a newer entry means someone saved since the form was loaded (ADR 0011: no schema change).
/// </summary>
public static class EditVersion
{
    public static async Task<long> OfAsync(ServiceReviewDbContext db, string entityType, int id, CancellationToken cancellationToken)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        return await db.AuditLog.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityId == key)
            .MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0;
    }

    /// <summary>Throws the conflict that names who saved last and when, if the record changed since <paramref name="expected"/>.</summary>
    public static async Task ExpectAsync(ServiceReviewDbContext db, string entityType, int id, long expected, CancellationToken cancellationToken)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        var last = await db.AuditLog.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityId == key)
            .OrderByDescending(a => a.Id)
            .Select(a => new { a.Id, a.ActorName, a.At })
            .FirstOrDefaultAsync(cancellationToken);
        if ((last?.Id ?? 0) != expected)
        {
            throw new ConcurrencyConflictException(last?.ActorName, last?.At);
        }
    }
}
