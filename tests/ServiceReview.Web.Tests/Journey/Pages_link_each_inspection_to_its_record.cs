using ServiceReview.Core.Feedback;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Journey;

/// <summary>
/// Issue #14: everything that shows one inspection links to its record page (<c>/inspections/{id}</c>), and only for
/// viewers who may open it (the link never ends in a 404).
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Pages_link_each_inspection_to_its_record(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";
    private const string I3 = "inspector3@demo.local";

    private async Task<(JourneyRound Round, int TeamId)> ConfirmedRoundAsync()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1, I2, I3] });
        foreach (var inspector in new[] { I1, I2, I3 })
        {
            await factory.SubmitAsync(round[F.Lead1Team, inspector], F.Inputs.WorkedExample(), confirm: true);
        }

        return (round, await factory.TeamIdAsync(F.Lead1Team));
    }

    [Fact]
    public async Task The_team_result_page_links_each_counted_inspection_to_its_record_for_a_manager()
    {
        var (round, teamId) = await ConfirmedRoundAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");

        var page = Html.Parse(await manager.GetStringAsync($"/Results/Team/{round.RoundId}/{teamId}"));

        var counted = page.QuerySelectorAll("tr[id^=inspection-]").Where(r => r.QuerySelector("[data-counted=true]") is not null).ToList();
        Assert.Equal(3, counted.Count);
        foreach (var row in counted)
        {
            var id = row.Id!["inspection-".Length..];
            var link = row.QuerySelector($"a[data-record-link=\"{id}\"]");
            Assert.NotNull(link);
            Assert.Equal($"/inspections/{id}", link.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task An_inspector_on_the_team_result_page_gets_a_link_to_their_own_record_only()
    {
        var (round, teamId) = await ConfirmedRoundAsync();
        var inspector = await factory.SignedInAsync(I1);

        var links = Html.All(await inspector.GetStringAsync($"/Results/Team/{round.RoundId}/{teamId}"), "a[data-record-link]");

        var own = round[F.Lead1Team, I1].ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEmpty(links);
        Assert.All(links, a => Assert.Equal(own, a.GetAttribute("data-record-link")));
    }

    [Fact]
    public async Task The_leads_to_confirm_list_links_each_inspection_to_its_review_first_and_to_its_record()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.WorkedExample());
        var lead = await factory.SignedInAsync("lead1@demo.local");

        var items = Html.All(await lead.GetStringAsync("/"), "[data-card=to-confirm] li");

        var withReview = items.Where(li => li.QuerySelector("a[href^=\"/Reviews/Review/\"]") is not null).ToList();
        Assert.NotEmpty(withReview);
        foreach (var li in withReview)
        {
            var anchors = li.QuerySelectorAll("a").ToList();
            var id = anchors[0].GetAttribute("href")!["/Reviews/Review/".Length..];
            var record = Assert.Single(anchors, a => a.HasAttribute("data-record-link"));
            Assert.Equal(id, record.GetAttribute("data-record-link"));
            Assert.Equal($"/inspections/{id}", record.GetAttribute("href"));
            Assert.NotEqual(record, anchors[0]);
        }
    }

    [Fact]
    public async Task The_leads_to_do_action_raised_from_an_inspection_links_to_that_record_after_the_action()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] });
        var id = round[F.Lead1Team, I1];
        await factory.SubmitAsync(id, F.Inputs.WorkedExample(), confirm: true);
        var teamId = await factory.TeamIdAsync(F.Lead1Team);
        var lead = await factory.PersonIdAsync("lead1@demo.local");
        var manager = await factory.PersonIdAsync("manager@demo.local");
        var actionId = await factory.WithDbAsync(async db =>
        {
            var action = new CorrectiveAction(round.RoundId, teamId, "5.3", "整改：月底任务排期", lead, new DateOnly(2000, 1, 1), manager, DateTime.UtcNow, inspectionId: id);
            db.CorrectiveActions.Add(action);
            await db.SaveChangesAsync();
            return action.Id;
        });
        var client = await factory.SignedInAsync("lead1@demo.local");

        var item = Html.First(await client.GetStringAsync("/"), $"[data-card=to-do] li[data-action=\"{actionId}\"]");

        Assert.NotNull(item);
        var anchors = item.QuerySelectorAll("a").ToList();
        Assert.Equal($"/Actions/Details/{actionId}", anchors[0].GetAttribute("href"));
        var record = Assert.Single(anchors, a => a.HasAttribute("data-record-link"));
        Assert.Equal($"/inspections/{id}", record.GetAttribute("href"));
    }
}
