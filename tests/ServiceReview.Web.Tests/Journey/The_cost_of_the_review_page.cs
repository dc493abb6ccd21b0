using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Web.Tests.Infrastructure;
using ServiceReview.Web.Tests.Performance;

namespace ServiceReview.Web.Tests.Journey;

/// <summary>
/// The SQL budget of the lead's review page (issue #15): the sheet in three round trips (the inspection with its names,
/// its entries, its category scores), the dispute if any, and the published plan from memory.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_cost_of_the_review_page(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task A_confirmed_inspection_is_reviewed_in_at_most_seven_commands_and_none_reads_the_plan()
    {
        await factory.EnsureDemoDataAsync();
        var lead = await factory.PersonIdAsync("lead1@demo.local");
        var id = await factory.WithDbAsync(db => (
            from i in db.Inspections
            join t in db.Teams on i.TeamId equals t.Id
            where t.LeadId == lead && i.Status == InspectionStatus.Confirmed
            orderby i.Id
            select i.Id).FirstAsync());
        var client = await factory.SignedInAsync("lead1@demo.local");

        var review = await factory.WarmGetAsync(client, $"/Reviews/Review/{id}");

        Assert.Equal(HttpStatusCode.OK, review.Response.StatusCode);
        // The layout's three (session, actor, unread count), the sheet's three, the dispute's one.
        review.Within(7, "the review page");
        Assert.DoesNotContain(review.Commands, c => c.Contains("\"PlanVersions\"", StringComparison.Ordinal));
    }
}
