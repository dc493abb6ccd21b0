using System.Net;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Performance;

/// <summary>
/// SQL command budgets per page (issue #15): a page that starts querying per team, per row or per indicator in a loop
/// exceeds its budget here, whatever the machine's speed. Budgets are counted by <see cref="SqlCommandCounter"/>.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Sql_budgets(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task The_counter_counts_the_commands_of_one_request_and_none_for_a_static_file()
    {
        await factory.EnsureDemoDataAsync();
        var manager = factory.CreateBrowser();
        await F.SignInAsync(manager, "manager@demo.local", F.DemoPassword);

        var rounds = await factory.SqlCommandsOfGetAsync(manager, "/Rounds");
        Assert.Equal(HttpStatusCode.OK, rounds.Response.StatusCode);
        Assert.InRange(rounds.Count, 1, 12);
        Assert.Contains(rounds.Commands, c => c.Contains("\"Rounds\"", StringComparison.Ordinal));

        var css = await factory.SqlCommandsOfGetAsync(manager, "/lib/bootstrap/dist/css/bootstrap.min.css");
        Assert.Equal(HttpStatusCode.OK, css.Response.StatusCode);
        Assert.Empty(css.Commands);
    }
}
