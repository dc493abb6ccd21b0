using System.Net;
using ServiceReview.Web.Tests.Infrastructure;
using ServiceReview.Web.Tests.Performance;

namespace ServiceReview.Web.Tests.Lists;

/// <summary>
/// The SQL budget of the paged lists (issue #15): a page of rows and its count, whatever the number of rows, with the
/// layout's share (the session, the actor in one query, the unread count). /Reviews and /Disputes show two lists (to do,
/// and the history); /Rounds adds its progress counts in one grouped query (the "rounds" helper owns that page).
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_cost_of_the_lists(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Theory]
    [InlineData("manager@demo.local", "/Actions", 5)]
    [InlineData("manager@demo.local", "/Rounds", 6)]
    [InlineData("manager@demo.local", "/Disputes", 6)]
    [InlineData("inspector1@demo.local", "/Inspections", 5)]
    [InlineData("lead1@demo.local", "/Reviews", 6)]
    [InlineData("lead1@demo.local", "/Actions", 5)]
    public async Task A_list_page_keeps_its_budget(string email, string path, int budget)
    {
        var client = await factory.SignedInAsync(email);

        var list = await factory.WarmGetAsync(client, path);

        Assert.Equal(HttpStatusCode.OK, list.Response.StatusCode);
        list.Within(budget, path + " for " + email);
    }
}
