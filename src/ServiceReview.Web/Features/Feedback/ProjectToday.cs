using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Organisation;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Feedback;

/// <summary>
/// "Today" in each project's own zone at one instant: a corrective action is due by a calendar day of its team's
/// project, so it is overdue when that day has passed there (ADR 0022). All zones lie within UTC−12…UTC+14, so at any
/// instant the projects' days are at most three consecutive days: the earliest one, and the teams whose project is
/// one or two days ahead of it. Most organisations have one zone, and then no team list is needed at all.
/// </summary>
public sealed class ProjectToday
{
    private readonly HashSet<int> _oneAhead;
    private readonly HashSet<int> _twoAhead;

    private ProjectToday(DateOnly earliest, IEnumerable<int> oneAhead, IEnumerable<int> twoAhead)
    {
        Earliest = earliest;
        _oneAhead = [.. oneAhead];
        _twoAhead = [.. twoAhead];
        AtLeastOneAhead = [.. _oneAhead.Concat(_twoAhead)];
        TwoAhead = [.. _twoAhead];
    }

    /// <summary>The earliest of the projects' days now.</summary>
    public DateOnly Earliest { get; }

    /// <summary>Teams whose project's day is after <see cref="Earliest"/> (one or two days ahead).</summary>
    public IReadOnlyList<int> AtLeastOneAhead { get; }

    /// <summary>Teams whose project's day is two days after <see cref="Earliest"/>.</summary>
    public IReadOnlyList<int> TwoAhead { get; }

    /// <summary>Today in the zone of the project of team <paramref name="teamId"/>.</summary>
    public DateOnly Of(int teamId) =>
        _twoAhead.Contains(teamId) ? Earliest.AddDays(2) : _oneAhead.Contains(teamId) ? Earliest.AddDays(1) : Earliest;

    /// <summary>Whether an action of the team, due on <paramref name="dueDate"/>, is overdue now (not verified and its day has passed in the project's zone).</summary>
    public bool IsOverdue(int teamId, DateOnly dueDate, CorrectiveActionStatus status) =>
        status != CorrectiveActionStatus.Verified && Of(teamId) > dueDate;

    /// <summary>The database form of <see cref="IsOverdue"/>.</summary>
    public Expression<Func<CorrectiveAction, bool>> Overdue()
    {
        var first = Earliest;
        var second = Earliest.AddDays(1);
        var third = Earliest.AddDays(2);
        var ahead = AtLeastOneAhead;
        var twoAhead = TwoAhead;
        if (ahead.Count == 0)
        {
            return a => a.Status != CorrectiveActionStatus.Verified && a.DueDate < first;
        }

        return a => a.Status != CorrectiveActionStatus.Verified
            && (a.DueDate < first || (a.DueDate < second && ahead.Contains(a.TeamId)) || (a.DueDate < third && twoAhead.Contains(a.TeamId)));
    }

    /// <summary>The projects' days now, from the projects' zones (one small query; a second only when the zones disagree on the day).</summary>
    public static async Task<ProjectToday> LoadAsync(ServiceReviewDbContext db, OrganisationClock clock, CancellationToken cancellationToken = default)
    {
        var zones = await db.Projects.AsNoTracking().Select(p => p.TimeZoneId).Distinct().ToListAsync(cancellationToken);
        var days = zones.ToDictionary(z => z, clock.TodayInProject, StringComparer.Ordinal);
        if (days.Count == 0)
        {
            return new ProjectToday(clock.TodayInProject(null), [], []);
        }

        var earliest = days.Values.Min();
        if (days.Values.All(d => d == earliest))
        {
            return new ProjectToday(earliest, [], []);
        }

        if (days.Values.Any(d => d.DayNumber - earliest.DayNumber > 2))
        {
            throw new InvalidOperationException("The projects' time zones are more than two calendar days apart.");
        }

        var aheadZones = days.Where(d => d.Value > earliest).Select(d => d.Key).ToList();
        var teams = await db.Teams.AsNoTracking()
            .Join(db.Projects.Where(p => aheadZones.Contains(p.TimeZoneId)), t => t.ProjectId, p => p.Id, (t, p) => new { t.Id, p.TimeZoneId })
            .ToListAsync(cancellationToken);
        return new ProjectToday(
            earliest,
            teams.Where(t => days[t.TimeZoneId].DayNumber - earliest.DayNumber == 1).Select(t => t.Id),
            teams.Where(t => days[t.TimeZoneId].DayNumber - earliest.DayNumber == 2).Select(t => t.Id));
    }
}
