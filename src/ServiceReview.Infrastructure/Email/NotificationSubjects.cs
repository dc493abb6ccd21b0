using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Notifications;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Infrastructure.Email;

/// <summary>The team and round of the inspection record a notification is about (its text names them, not a number), and its status (which decides the link).</summary>
public sealed record InspectionAbout(int InspectionId, string Team, string Round, InspectionStatus Status);

/// <summary>What the notification list and the e-mails say a notification is about, read in one query for many.</summary>
public static class NotificationSubjects
{
    public const string Inspection = "Inspection";

    /// <summary>The inspection records among the notifications' subjects.</summary>
    public static List<int> InspectionIds(IEnumerable<Notification> notifications) =>
        [.. notifications.Where(n => n.SubjectType == Inspection).Select(n => n.SubjectId).Distinct()];

    public static IQueryable<InspectionAbout> Inspections(ServiceReviewDbContext db, IReadOnlyCollection<int> inspectionIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        return from i in db.Inspections.AsNoTracking()
               where inspectionIds.Contains(i.Id)
               join t in db.Teams on i.TeamId equals t.Id
               join r in db.Rounds on i.RoundId equals r.Id
               select new InspectionAbout(i.Id, t.Name, r.Name, i.Status);
    }
}
