using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Helpers for the inspection journey: signed-in browsers, the database, fresh open inspections.</summary>
public sealed partial class ServiceReviewWebFactory
{
    private readonly HashSet<int> _taken = [];

    /// <summary>An unstarted inspection of the open round assigned to the inspector, not handed out to another test yet.</summary>
    public async Task<int> TakeOpenInspectionAsync(string inspectorEmail)
    {
        await EnsureDemoDataAsync();
        var ids = await WithDbAsync(db => (
            from i in db.Inspections
            join p in db.People on i.InspectorId equals p.Id
            where p.Email == inspectorEmail && i.Status == InspectionStatus.Assigned
            orderby i.Id
            select i.Id).ToListAsync());
        lock (_taken)
        {
            var id = ids.First(i => !_taken.Contains(i));
            _taken.Add(id);
            return id;
        }
    }

    /// <summary>Another inspector's open inspection of the same team and round, and that inspector's e-mail.</summary>
    public async Task<(int Id, string Email)> TeammateInspectionAsync(int inspectionId)
    {
        var result = await WithDbAsync(async db =>
        {
            var mine = await db.Inspections.AsNoTracking().FirstAsync(i => i.Id == inspectionId);
            return await (
                from i in db.Inspections
                join p in db.People on i.InspectorId equals p.Id
                where i.RoundId == mine.RoundId && i.TeamId == mine.TeamId && i.Id != mine.Id && i.Status == InspectionStatus.Assigned
                orderby i.Id
                select new { i.Id, p.Email }).FirstAsync();
        });
        lock (_taken)
        {
            _taken.Add(result.Id);
        }

        return (result.Id, result.Email);
    }

    public static string FormTokenOf(string html) => AntiforgeryTokenOf(html) ?? "";
}
