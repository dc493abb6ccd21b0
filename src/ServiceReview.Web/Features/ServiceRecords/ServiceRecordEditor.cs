using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.ServiceRecords;

/// <summary>One page of a team's records.</summary>
public sealed record RecordPage(IReadOnlyList<ServiceRecord> Records, int Total, int Page, int PageSize);

/// <summary>
/// Browser use cases of service records: list with filters, add, edit (with a check that nobody saved the record
/// since the form was loaded), and a project's time limits and working calendar. Each change writes one audit entry in
/// the same save.
/// </summary>
public sealed class ServiceRecordEditor(ServiceReviewDbContext db, ServiceMetricsService metrics, TeamRecordAccess access, TimeProvider clock)
{
    public async Task<RecordPage> ListAsync(MeasuredContext context, RecordSlice slice, ServiceRequestType? type, ServiceChannel? channel, string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = await metrics.SliceAsync(context, slice, cancellationToken);
        if (type is not null)
        {
            query = query.Where(r => r.Type == type);
        }

        if (channel is not null)
        {
            query = query.Where(r => r.Channel == channel);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            query = query.Where(r => r.TicketId.Contains(text) || (r.Customer != null && r.Customer.Contains(text)) || (r.Summary != null && r.Summary.Contains(text)) || (r.Handler != null && r.Handler.Contains(text)));
        }

        var total = await query.CountAsync(cancellationToken);
        page = Math.Max(1, Math.Min(page, Math.Max(1, (total + pageSize - 1) / pageSize)));
        var records = await query.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new RecordPage(records, total, page, pageSize);
    }

    public Task<ServiceRecord?> FindAsync(int id, CancellationToken cancellationToken) => db.ServiceRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    public Task<Project?> ProjectOfTeamAsync(int teamId, CancellationToken cancellationToken) =>
        db.Teams.Where(t => t.Id == teamId).Join(db.Projects, t => t.ProjectId, p => p.Id, (t, p) => p).AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Adds a record to a team the actor may edit: its id; not found or forbidden for anyone else's team; invalid for a
    /// ticket id the team already has (<c>ServiceRecord.DuplicateTicket</c>) or times the record refuses.
    /// </summary>
    public async Task<Outcome<int>> CreateAsync(Actor actor, int teamId, string ticketId, ServiceRecordData data, CancellationToken cancellationToken)
    {
        var team = await access.EditAsync(teamId, actor, cancellationToken);
        if (!team.IsOk)
        {
            return team.WithoutValue();
        }

        var ticket = ticketId.Trim();
        if (await db.ServiceRecords.AnyAsync(r => r.TeamId == teamId && r.TicketId == ticket, cancellationToken))
        {
            return Outcome.Invalid("", RecordsPrefix + "ServiceRecord.DuplicateTicket", ticket);
        }

        return Worded(await Outcome.Of<int>(async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var record = new ServiceRecord(teamId, ticket);
            record.Update(data, now);
            db.ServiceRecords.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            db.Audit(actor, now, nameof(ServiceRecord), record.Id, "Created", null, Describe(record));
            await db.SaveChangesAsync(cancellationToken);
            return record.Id;
        }));
    }

    /// <summary>
    /// Replaces the fields of a record of a team the actor may edit. <paramref name="loadedUpdatedAt"/> is the record's
    /// last-change time the form was built from: if someone saved since, a conflict names them. (Records carry no
    /// concurrency stamp column; the check compares the last-change time, which leaves only the instant between read and
    /// save open.) Not found, forbidden, or invalid with the times the record refuses.
    /// </summary>
    public async Task<Outcome> UpdateAsync(Actor actor, int id, ServiceRecordData data, DateTime loadedUpdatedAt, CancellationToken cancellationToken)
    {
        var record = await db.ServiceRecords.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (record is null)
        {
            return Outcome.NotFound();
        }

        var team = await access.EditAsync(record.TeamId, actor, cancellationToken);
        if (!team.IsOk)
        {
            return team.WithoutValue();
        }

        if (record.UpdatedAt.Ticks != loadedUpdatedAt.Ticks)
        {
            var last = await db.AuditLog.AsNoTracking()
                .Where(a => a.EntityType == nameof(ServiceRecord) && a.EntityId == id.ToString(CultureInfo.InvariantCulture))
                .OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
            return Outcome.Conflict(last?.ActorName, last?.At);
        }

        return Worded(await Outcome.Of(async () =>
        {
            var old = Describe(record);
            var now = clock.GetUtcNow().UtcDateTime;
            record.Update(data, now);
            db.Audit(actor, now, nameof(ServiceRecord), record.Id, "Updated", old, Describe(record));
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Ok();
        }));
    }

    /// <summary>
    /// A project whose time limits and working calendar the actor may change (an administrator every project, a manager
    /// the projects they manage, ADR 0013): not found or forbidden otherwise.
    /// </summary>
    public async Task<Outcome<Project>> LimitsOfAsync(Actor actor, int projectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var project = await db.Projects.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken);
        if (project is null)
        {
            return Outcome.NotFound();
        }

        return actor.Administers(projectId) ? project : Outcome.Forbidden();
    }

    /// <summary>Sets a project's time limits and working calendar (null: calendar hours): ok, not found, forbidden, or the rule refused.</summary>
    public async Task<Outcome> SetLimitsAsync(Actor actor, int projectId, Func<(ServiceLimits Limits, WorkingCalendar? Calendar)> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(settings);
        var project = await db.Projects.AsSplitQuery().SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken);
        if (project is null)
        {
            return Outcome.NotFound();
        }

        if (!actor.Administers(projectId))
        {
            return Outcome.Forbidden();
        }

        return Worded(await Outcome.Of(async () =>
        {
            var (limits, calendar) = settings();
            var old = DescribeLimits(project.Limits, project.Calendar);
            project.SetLimits(limits);
            project.UseCalendar(calendar);
            db.Audit(actor, clock.GetUtcNow().UtcDateTime, nameof(Project), projectId, "LimitsChanged", old, DescribeLimits(limits, calendar));
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Ok();
        }));
    }

    // A record's own refusals have this feature's texts (Records.Domain.{Code}); any other the domain translations.
    private const string RecordsPrefix = "Records.Domain.";

    private static Outcome Worded(Outcome outcome) =>
        outcome.Status == OutcomeStatus.Invalid ? Outcome.Invalid(outcome.Errors.Select(Worded)) : outcome;

    private static Outcome<T> Worded<T>(Outcome<T> outcome) =>
        outcome.Status == OutcomeStatus.Invalid ? Outcome.Invalid(outcome.Errors.Select(Worded)) : outcome;

    private static OutcomeError Worded(OutcomeError error) =>
        error.DomainCode is { } code && code.StartsWith("ServiceRecord.", StringComparison.Ordinal)
            ? error with { Key = RecordsPrefix + code, Arguments = [.. error.Arguments.Select(a => a ?? "")] }
            : error;

    private static string Describe(ServiceRecord r) => JsonSerializer.Serialize(new
    {
        r.TicketId,
        r.Customer,
        Channel = r.Channel?.ToString(),
        Type = r.Type?.ToString(),
        r.Summary,
        r.ReceivedAt,
        r.FirstResponseAt,
        r.ResolvedAt,
        r.ResolvedAtFirstContact,
        r.Handler,
        r.ClosedAt,
        r.ArchivedAt,
    });

    private static string DescribeLimits(ServiceLimits l, WorkingCalendar? c) => JsonSerializer.Serialize(new
    {
        l.FirstResponseHours,
        l.ResolutionHours,
        l.ArchiveHours,
        Calendar = c is null ? null : new { Days = c.Days.ToString(), DayStart = c.DayStart.ToString("HH:mm", CultureInfo.InvariantCulture), DayEnd = c.DayEnd.ToString("HH:mm", CultureInfo.InvariantCulture), Holidays = c.Holidays.Select(h => h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList() },
    });
}
