using Microsoft.EntityFrameworkCore;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Helpers for the organisation-scope tests: the concurrency stamps that the administration forms carry.</summary>
public sealed partial class ServiceReviewWebFactory
{
    public Task<Guid> PersonStampAsync(int id) =>
        WithDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.ConcurrencyStamp).FirstAsync());

    public Task<Guid> ProjectStampAsync(int id) =>
        WithDbAsync(db => db.Projects.Where(p => p.Id == id).Select(p => p.ConcurrencyStamp).FirstAsync());

    public Task<Guid> TeamStampAsync(int id) =>
        WithDbAsync(db => db.Teams.Where(t => t.Id == id).Select(t => t.ConcurrencyStamp).FirstAsync());
}
