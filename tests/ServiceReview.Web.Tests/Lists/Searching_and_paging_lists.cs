using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Lists;

/// <summary>
/// Every list that grows pages in the database, searches, survives odd page numbers and keeps its role scoping.
/// Each test makes data of its own names, so the tests of this class can share one database.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Searching_and_paging_lists(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string ReviewHistoryLink = "<a href=\"/Reviews/Review/(\\d+)\">";
    private const string InspectionRow = "data-inspection=\"(\\d+)\"";
    private const string ActionLink = "href=\"/Actions/Details/(\\d+)\"";
    private const string CalibrationLink = "<a href=\"/Calibration/Details/(\\d+)\">";
    private const string RoundResultLink = "href=\"/Results/Round/(\\d+)\"";
    private const string RuledDisputeLink = "<td><a href=\"/Disputes/Arbitrate/(\\d+)\">";

    [Fact]
    public async Task The_review_history_shows_different_rows_on_page_two_and_the_right_total()
    {
        await factory.EnsureDemoDataAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var leadId = await factory.PersonIdAsync("lead1@demo.local");
        var total = await factory.WithDbAsync(db => db.Inspections.CountAsync(i =>
            db.Teams.Any(t => t.Id == i.TeamId && t.LeadId == leadId) && (i.Status == InspectionStatus.Confirmed || i.Status == InspectionStatus.Disputed)));

        var first = await F.PageTextAsync(lead, "/Reviews?size=10");
        var second = await F.PageTextAsync(lead, "/Reviews?size=10&page=2");

        Assert.True(total > 10, $"the demo data gives lead 1 more than a page of history ({total})");
        Assert.Equal((1, 10, total), F.RangeOf(first));
        Assert.Equal((11, Math.Min(20, total), total), F.RangeOf(second));
        var one = F.IdsOf(first, ReviewHistoryLink);
        var two = F.IdsOf(second, ReviewHistoryLink);
        Assert.Equal(10, one.Count);
        Assert.Empty(one.Intersect(two));
        Assert.Contains("size=10&amp;page=2", await lead.GetStringAsync("/Reviews?size=10"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searching_the_review_history_narrows_to_the_round_and_never_shows_another_lead_s_team()
    {
        await factory.EnsureDemoDataAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var leadId = await factory.PersonIdAsync("lead1@demo.local");
        var round = await factory.WithDbAsync(db => db.Rounds.Where(r => r.Status == RoundStatus.Closed).OrderBy(r => r.PeriodStart).FirstAsync());
        var expected = await factory.WithDbAsync(db => db.Inspections
            .Where(i => i.RoundId == round.Id && db.Teams.Any(t => t.Id == i.TeamId && t.LeadId == leadId) && i.Status == InspectionStatus.Confirmed)
            .Select(i => i.Id).OrderBy(i => i).ToListAsync());

        var found = await F.PageTextAsync(lead, $"/Reviews?q={Uri.EscapeDataString(round.Name)}");
        var otherTeam = await F.PageTextAsync(lead, $"/Reviews?q={Uri.EscapeDataString(F.Lead2Team)}");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, F.IdsOf(found, ReviewHistoryLink).Order().ToList());
        Assert.Empty(F.IdsOf(otherTeam, ReviewHistoryLink));
        Assert.Contains(Texts.Zh("Lists.NoMatch", F.Lead2Team).TrimEnd('。'), otherTeam, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Lists.ClearSearch"), otherTeam, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Reviews", "lead1@demo.local")]
    [InlineData("/Inspections", "inspector1@demo.local")]
    [InlineData("/Rounds", "manager@demo.local")]
    [InlineData("/Results", "manager@demo.local")]
    [InlineData("/Results", "lead1@demo.local")]
    [InlineData("/Disputes", "manager@demo.local")]
    [InlineData("/Actions", "manager@demo.local")]
    [InlineData("/Calibration", "inspector1@demo.local")]
    [InlineData("/plans", "manager@demo.local")]
    [InlineData("/Analytics", "manager@demo.local")]
    public async Task Odd_page_numbers_and_sizes_give_the_nearest_page_never_an_error(string list, string email)
    {
        var client = await factory.SignedInAsync(email);

        foreach (var query in new[] { "page=0", "page=-3", "page=abc", "page=99999", "size=7", "size=abc", "page=2147483647&size=100", "status=Nope", "q=%25%27%22" })
        {
            var response = await client.GetAsync($"{list}?{query}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{list}?{query} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_page_beyond_the_end_shows_the_last_page()
    {
        await factory.EnsureDemoDataAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");

        var last = F.RangeOf(await F.PageTextAsync(lead, "/Reviews?size=10&page=99999"));

        Assert.NotNull(last);
        Assert.Equal(last.Value.Total, last.Value.Last);
        Assert.True(last.Value.First > 1);
    }

    [Fact]
    public async Task My_inspections_page_through_my_records_only_and_search_never_finds_another_inspector_s()
    {
        await factory.EnsureDemoDataAsync();
        var inspector = await factory.SignedInAsync("inspector1@demo.local");
        var me = await factory.PersonIdAsync("inspector1@demo.local");
        var mine = await factory.WithDbAsync(db => db.Inspections.Where(i => i.InspectorId == me).Select(i => i.Id).ToListAsync());
        var others = await factory.WithDbAsync(db => db.Inspections.Where(i => i.InspectorId != me)
            .Join(db.Teams, i => i.TeamId, t => t.Id, (i, t) => t.Name).Distinct().ToListAsync());

        var first = await F.PageTextAsync(inspector, "/Inspections?size=10");
        var second = await F.PageTextAsync(inspector, "/Inspections?size=10&page=2");
        var searched = new List<int>();
        foreach (var team in others)
        {
            searched.AddRange(F.IdsOf(await F.PageTextAsync(inspector, $"/Inspections?q={Uri.EscapeDataString(team)}&size=100"), InspectionRow));
        }

        Assert.True(mine.Count > 10);
        Assert.Equal(mine.Count, F.RangeOf(first)?.Total);
        Assert.Empty(F.IdsOf(first, InspectionRow).Intersect(F.IdsOf(second, InspectionRow)));
        Assert.NotEmpty(searched);
        Assert.All(searched, id => Assert.Contains(id, mine));
    }

    [Fact]
    public async Task Filtering_my_inspections_by_status_keeps_the_filter_on_the_next_page()
    {
        await factory.EnsureDemoDataAsync();
        var inspector = await factory.SignedInAsync("inspector1@demo.local");
        var me = await factory.PersonIdAsync("inspector1@demo.local");
        var confirmed = await factory.WithDbAsync(db => db.Inspections.CountAsync(i => i.InspectorId == me && i.Status == InspectionStatus.Confirmed));

        var html = await inspector.GetStringAsync("/Inspections?status=Confirmed&size=10");

        Assert.Equal(confirmed, F.RangeOf(System.Net.WebUtility.HtmlDecode(html))?.Total);
        Assert.DoesNotContain("Inspections/Fill/", html, StringComparison.Ordinal);
        Assert.Contains("status=Confirmed&amp;size=10&amp;page=2", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ruled_disputes_page_with_search_and_only_managers_see_them()
    {
        var rounds = await factory.RuledDisputesAsync(12);
        var manager = await factory.SignedInAsync("manager@demo.local");
        var roundNames = await factory.WithDbAsync(db => db.Rounds.Where(r => rounds.Contains(r.Id)).Select(r => r.Name).ToListAsync());
        var ruled = await factory.WithDbAsync(db => db.Disputes.CountAsync(d => d.Status == DisputeStatus.Ruled));

        var first = await F.PageTextAsync(manager, "/Disputes?size=10");
        var second = await F.PageTextAsync(manager, "/Disputes?size=10&page=2");
        var one = await F.PageTextAsync(manager, $"/Disputes?q={Uri.EscapeDataString(roundNames[0])}");
        var lead = await (await factory.SignedInAsync("lead1@demo.local")).GetAsync("/Disputes");
        var inspector = await (await factory.SignedInAsync("inspector1@demo.local")).GetAsync("/Disputes?q=x&page=2");

        Assert.Equal((1, 10, ruled), F.RangeOf(first));
        Assert.Empty(F.IdsOf(first, RuledDisputeLink).Intersect(F.IdsOf(second, RuledDisputeLink)));
        Assert.Equal(5, F.IdsOf(one, RuledDisputeLink).Count);
        Assert.Equal(HttpStatusCode.Redirect, lead.StatusCode);
        Assert.Contains("AccessDenied", lead.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, inspector.StatusCode);
        Assert.Contains("AccessDenied", inspector.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrective_actions_page_keep_search_and_filter_and_stay_scoped_to_the_viewer()
    {
        await factory.AddActionsAsync(12, "分页整改", F.Lead1Team, "lead1@demo.local");
        var manager = await factory.SignedInAsync("manager@demo.local");

        var first = await F.PageTextAsync(manager, "/Actions?q=分页整改&status=Open&size=10");
        var second = await F.PageTextAsync(manager, "/Actions?q=分页整改&status=Open&size=10&page=2");
        var asLead = await F.PageTextAsync(await factory.SignedInAsync("lead1@demo.local"), "/Actions?q=分页整改&size=50");
        var asOtherLead = await F.PageTextAsync(await factory.SignedInAsync("lead2@demo.local"), "/Actions?q=分页整改");
        var none = await F.PageTextAsync(manager, "/Actions?q=没有这种整改");

        Assert.Equal((1, 10, 12), F.RangeOf(first));
        Assert.Equal((11, 12, 12), F.RangeOf(second));
        Assert.Empty(F.IdsOf(first, ActionLink).Intersect(F.IdsOf(second, ActionLink)));
        Assert.Contains($"q={Uri.EscapeDataString("分页整改")}&status=Open&size=10&page=2", first, StringComparison.Ordinal);
        Assert.Equal(12, F.IdsOf(asLead, ActionLink).Count);
        Assert.Empty(F.IdsOf(asOtherLead, ActionLink));
        Assert.Contains("data-empty=\"no-match\"", asOtherLead, StringComparison.Ordinal);
        Assert.Matches(Texts.ZhPattern("Lists.NoMatch"), none);
    }

    [Fact]
    public async Task Round_results_page_for_managers_and_search_by_name()
    {
        await factory.EnsureDemoDataAsync(); // it ran only after another test of the class had loaded it
        var team = await factory.TeamIdAsync("运营支持组");
        for (var i = 1; i <= 11; i++)
        {
            await Rounds.RoundsTestData.DraftRoundAsync(factory, $"结果分页{i:00}", [team], "inspector1@demo.local");
        }

        var manager = await factory.SignedInAsync("manager@demo.local");
        var total = await factory.WithDbAsync(db => db.Rounds.CountAsync());

        var first = await F.PageTextAsync(manager, "/Results?size=10");
        var second = await F.PageTextAsync(manager, "/Results?size=10&page=2");
        var searched = await F.PageTextAsync(manager, "/Results?q=结果分页&size=10&page=2");
        var drafts = await F.PageTextAsync(manager, "/Results?q=结果分页&status=Closed");

        Assert.Equal((1, 10, total), F.RangeOf(first));
        Assert.Empty(F.IdsOf(first, RoundResultLink).Intersect(F.IdsOf(second, RoundResultLink)));
        Assert.Equal((11, 11, 11), F.RangeOf(searched));
        Assert.Contains("data-empty=\"no-match\"", drafts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lead_s_results_are_their_teams_only_whatever_they_search()
    {
        await factory.EnsureDemoDataAsync();
        var lead = await factory.SignedInAsync("lead1@demo.local");

        var own = await F.PageTextAsync(lead, $"/Results?q={Uri.EscapeDataString(F.Lead1Team)}&size=100");
        var other = await F.PageTextAsync(lead, $"/Results?q={Uri.EscapeDataString(F.Lead2Team)}");

        Assert.Contains(F.Lead1Team, own, StringComparison.Ordinal);
        Assert.NotNull(F.RangeOf(own));
        Assert.DoesNotContain("/Results/Round/", own, StringComparison.Ordinal);
        Assert.Null(F.RangeOf(other));
        Assert.Contains("data-empty=\"no-match\"", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calibration_exercises_page_and_each_inspector_sees_only_their_own()
    {
        await factory.AddCalibrationsAsync(12, "分页校准", F.Lead1Team, "inspector1@demo.local", "inspector2@demo.local");
        var manager = await factory.SignedInAsync("manager@demo.local");
        var inspector = await factory.SignedInAsync("inspector1@demo.local");

        var first = await F.PageTextAsync(manager, "/Calibration?q=分页校准&size=10");
        var second = await F.PageTextAsync(manager, "/Calibration?q=分页校准&size=10&page=2");
        var mine = await F.PageTextAsync(inspector, "/Calibration?q=分页校准&size=20");
        var notMine = await F.PageTextAsync(await factory.SignedInAsync("inspector5@demo.local"), "/Calibration?q=分页校准");

        Assert.Equal((1, 10, 12), F.RangeOf(first));
        Assert.Equal(2, F.IdsOf(second, CalibrationLink).Count);
        Assert.Empty(F.IdsOf(first, CalibrationLink).Intersect(F.IdsOf(second, CalibrationLink)));
        Assert.Equal(12, F.IdsOf(mine, CalibrationLink).Count);
        Assert.Empty(F.IdsOf(notMine, CalibrationLink));
    }

    [Fact]
    public async Task An_empty_list_says_what_to_do_next_and_a_search_that_finds_nothing_offers_to_clear_it()
    {
        var manager = await factory.SignedInAsync("manager@demo.local");
        var inspector = await factory.SignedInAsync("inspector5@demo.local");

        var nothingYet = await F.PageTextAsync(manager, "/Calibration?q=");
        var noMatch = await F.PageTextAsync(inspector, "/Inspections?q=不存在的服务组&size=50");
        var english = await F.PageTextAsync(inspector, "/Inspections?q=nowhere&culture=en");

        if (!nothingYet.Contains("/Calibration/Details/", StringComparison.Ordinal))
        {
            Assert.Contains("data-empty=\"none\"", nothingYet, StringComparison.Ordinal);
            Assert.Contains("href=\"/Calibration/Create\"", nothingYet, StringComparison.Ordinal);
        }

        Assert.Contains("data-empty=\"no-match\"", noMatch, StringComparison.Ordinal);
        Assert.Contains("href=\"/Inspections?size=50\"", noMatch, StringComparison.Ordinal);
        Assert.Contains("Nothing matches “nowhere”.", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_pages_have_a_localised_breadcrumb_back_to_their_list()
    {
        await factory.EnsureDemoDataAsync();
        var inspector = await factory.SignedInAsync("inspector1@demo.local");
        var me = await factory.PersonIdAsync("inspector1@demo.local");
        var id = await factory.WithDbAsync(db => db.Inspections.Where(i => i.InspectorId == me && i.Status == InspectionStatus.Confirmed).Select(i => i.Id).FirstAsync());

        var html = await F.PageTextAsync(inspector, $"/inspections/{id}");
        var english = await F.PageTextAsync(inspector, $"/inspections/{id}?culture=en");

        Assert.Matches("<nav aria-label=\"导航路径\">\\s*<ol class=\"breadcrumb[^\"]*\">\\s*<li class=\"breadcrumb-item\"><a href=\"/Inspections\">我的检查", html);
        Assert.Matches("<title>检查记录 · [^<]+ - ", html);
        Assert.Contains("<nav aria-label=\"Breadcrumb\">", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_acting_on_a_record_the_redirect_and_the_breadcrumb_return_to_the_same_filtered_page()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = ["inspector2@demo.local"] });
        var id = round[F.Lead1Team, "inspector2@demo.local"];
        await factory.SubmitAsync(id, F.Inputs.WorkedExample());
        var lead = await factory.SignedInAsync("lead1@demo.local");
        var list = $"/Reviews?q={Uri.EscapeDataString(F.Lead1Team)}&size=10&page=2";

        await lead.GetStringAsync(list);
        var review = await lead.GetStringAsync($"/Reviews/Review/{id}");
        var response = await F.PostFormAsync(lead, $"/Reviews/Review/{id}", "/Reviews/Confirm", [new("id", id.ToString()), new("stamp", F.StampOf(review))]);
        await lead.GetStringAsync("/Reviews");
        var afterPlainList = await lead.GetStringAsync($"/Reviews/Review/{id}");

        Assert.Contains($"<li class=\"breadcrumb-item\"><a href=\"{list.Replace("&", "&amp;", StringComparison.Ordinal)}\">", review, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(list, response.Headers.Location!.OriginalString);
        Assert.Contains("<li class=\"breadcrumb-item\"><a href=\"/Reviews\">", afterPlainList, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plans_page_by_name_and_search_finds_a_plan()
    {
        await factory.EnsureDemoDataAsync();
        for (var i = 1; i <= 11; i++)
        {
            var name = $"分页方案{i:00}";
            await factory.WithServiceAsync<ServiceReview.Web.Features.Plans.PlanService, int>(async plans => (await plans.CreatePlanAsync(ServiceReview.Core.Audit.Actor.System, name, null)).Value);
        }

        var manager = await factory.SignedInAsync("manager@demo.local");

        var first = await F.PageTextAsync(manager, "/plans?q=分页方案&size=10");
        var second = await F.PageTextAsync(manager, "/plans?q=分页方案&size=10&page=2");
        var one = await F.PageTextAsync(manager, "/plans?q=分页方案07");

        Assert.Equal((1, 10, 11), F.RangeOf(first));
        Assert.Contains("分页方案10", first, StringComparison.Ordinal);
        Assert.DoesNotContain("分页方案11", first, StringComparison.Ordinal);
        Assert.Contains("分页方案11", second, StringComparison.Ordinal);
        Assert.Equal((1, 1, 1), F.RangeOf(one));
    }
}
