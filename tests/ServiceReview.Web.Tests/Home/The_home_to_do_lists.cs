using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Security;
using ServiceReview.Web.Features.Home;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Home;

/// <summary>The home page shows the first few items of each to-do list and the complete count, both from the database.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_home_to_do_lists(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task A_lead_sees_the_five_earliest_due_actions_and_the_count_of_all_their_open_ones()
    {
        await factory.AddActionsAsync(7, "首页待办", F.Lead1Team, "lead1@demo.local");
        var lead = await factory.PersonIdAsync("lead1@demo.local");

        var home = await factory.WithServiceAsync<HomeDashboardService, HomeDashboard>(s => s.BuildAsync(ActorFor(lead, Roles.TeamLead)));

        var open = await factory.WithDbAsync(db => (
            from a in db.CorrectiveActions
            join t in db.Teams on a.TeamId equals t.Id
            where (t.LeadId == lead || a.OwnerId == lead) && (a.Status == CorrectiveActionStatus.Open || a.Status == CorrectiveActionStatus.SentBack)
            orderby a.DueDate, a.Id
            select a.Id).ToListAsync());
        Assert.True(open.Count >= 7);
        Assert.Equal(open.Count, home.ToDoCount);
        Assert.Equal(open.Take(HomeDashboardService.ListLength), home.ToDo.Select(a => a.Id));
    }

    [Fact]
    public async Task An_inspector_sees_the_count_of_every_inspection_still_to_fill_in_open_rounds()
    {
        await factory.EnsureDemoDataAsync();
        var inspector = await factory.PersonIdAsync("inspector1@demo.local");

        var home = await factory.WithServiceAsync<HomeDashboardService, HomeDashboard>(s => s.BuildAsync(ActorFor(inspector, Roles.Inspector)));

        var toFill = await factory.WithDbAsync(db => db.Inspections.CountAsync(i => i.InspectorId == inspector
            && db.Rounds.Any(r => r.Id == i.RoundId && r.Status == RoundStatus.Open)
            && (i.Status == InspectionStatus.Assigned || i.Status == InspectionStatus.InProgress)));
        Assert.True(toFill > 0);
        Assert.Equal(toFill, home.ToFillCount);
        Assert.Equal(Math.Min(toFill, HomeDashboardService.ListLength), home.ToFill.Count);
        Assert.Equal(home.ToFill.OrderBy(i => i.WindowClosesAt).Select(i => i.Id), home.ToFill.Select(i => i.Id));
    }

    private static Actor ActorFor(int personId, string role) =>
        new(null, "home", personId) { Roles = new HashSet<string>(StringComparer.Ordinal) { role } };
}
