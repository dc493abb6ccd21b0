using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Organisation;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Administration.Audit;

/// <summary>What the administrator's audit page filters by; every part optional.</summary>
public sealed record AuditLogFilter(string? Person = null, string? Kind = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>One row of the audit page.</summary>
public sealed record AuditLogRow(long Id, long? Sequence, DateTime At, string ActorName, string EntityType, string EntityId, string Action, string? OldValue, string? NewValue);

/// <summary>The audit log read by administrators (filtered, paged); its hash chain is checked by <c>Infrastructure.Audit.AuditChainStore</c>.</summary>
public sealed class AuditLogService(ServiceReviewDbContext db, OrganisationClock localTime)
{
    public async Task<Paged<AuditLogRow>> ListAsync(AuditLogFilter filter, PageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.AuditLog.AsNoTracking();
        if (PagingExtensions.NormaliseSearch(filter.Person) is { } person)
        {
            query = query.Where(a => a.ActorName.Contains(person) || (a.EntityType == "Account" && a.EntityId.Contains(person)));
        }

        if (PagingExtensions.NormaliseSearch(filter.Kind) is { } kind)
        {
            query = query.Where(a => a.EntityType == kind || a.Action == kind);
        }

        // Dates are the organisation's calendar days (Organisation:TimeZone), as the page shows the times.
        if (filter.From is { } from)
        {
            var start = localTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = localTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(a => a.At < end);
        }

        return await query
            .OrderByDescending(a => a.Id)
            .Select(a => new AuditLogRow(a.Id, a.Sequence, a.At, a.ActorName, a.EntityType, a.EntityId, a.Action, a.OldValue, a.NewValue))
            .ToPagedAsync(request, cancellationToken);
    }

    /// <summary>The kinds to filter by: every entity type and action that occurs in the log.</summary>
    public async Task<IReadOnlyList<string>> KindsAsync(CancellationToken cancellationToken = default)
    {
        var types = await db.AuditLog.AsNoTracking().Select(a => a.EntityType).Distinct().ToListAsync(cancellationToken);
        var actions = await db.AuditLog.AsNoTracking().Select(a => a.Action).Distinct().ToListAsync(cancellationToken);
        return [.. types.Concat(actions).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
