using System.Net;
using ServiceReview.Web.Tests.Infrastructure;
using ServiceReview.Web.Tests.Performance;

namespace ServiceReview.Web.Tests.Home;

/// <summary>
/// The SQL budget of the home page per role (issue #15): each to-do list counted and cut in the database, the layout's
/// share (the session, the actor in one query, the unread count) once, the projects' day once, nothing per row. An
/// inspector: the day, the forms to fill (count, rows), the actions to verify (count), which records they may open, the
/// bell. A lead: the day, the items to confirm and the actions to do (counts). A manager: the day, the actions to verify
/// and the disputes (counts), the open rounds, the overdue actions.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_cost_of_the_home_page(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Theory]
    [InlineData("inspector1@demo.local", 8)]
    [InlineData("lead1@demo.local", 6)]
    [InlineData("manager@demo.local", 8)]
    public async Task The_home_page_keeps_its_budget_for_each_role(string email, int budget)
    {
        var client = await factory.SignedInAsync(email);

        var home = await factory.WarmGetAsync(client, "/");

        Assert.Equal(HttpStatusCode.OK, home.Response.StatusCode);
        home.Within(budget, "the home page of " + email);
    }
}
