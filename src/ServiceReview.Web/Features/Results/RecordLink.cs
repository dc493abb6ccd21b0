using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Records;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Results;

/// <summary>
/// A link to the record page of one inspection (<c>/inspections/{id}</c>, issue #14), as every page that shows an
/// inspection renders it (<c>_RecordLink.cshtml</c>): a visible "open the record" with the inspection it is about as
/// visually hidden context, and <c>data-record-link</c> for tests. <see cref="Context"/> names the inspection (team,
/// round, inspector) for screen readers, who hear many such links in one list.
/// </summary>
public sealed record RecordLink(int Id, string Context, string? CssClass = null, bool Named = false)
{
    public static string Href(int inspectionId) => "/inspections/" + inspectionId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Of <paramref name="inspectionIds"/>, those whose record the actor may open (<see cref="RecordAccess.MaySee"/>),
    /// with the facts loaded in one query: a page links only where the link does not end in a 404.
    /// </summary>
    public static async Task<IReadOnlySet<int>> VisibleAsync(
        ServiceReviewDbContext db, Actor actor, IReadOnlyCollection<int> inspectionIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (inspectionIds.Count == 0)
        {
            return new HashSet<int>();
        }

        if (actor.IsManager)
        {
            return inspectionIds.ToHashSet();
        }

        var facts = await (
            from i in db.Inspections.AsNoTracking()
            join t in db.Teams on i.TeamId equals t.Id
            where inspectionIds.Contains(i.Id)
            select new RecordFacts(i.Id, i.InspectorId, i.TeamId, t.ProjectId, i.Status))
            .ToListAsync(cancellationToken);
        return facts.Where(actor.MaySee).Select(f => f.InspectionId).ToHashSet();
    }
}
