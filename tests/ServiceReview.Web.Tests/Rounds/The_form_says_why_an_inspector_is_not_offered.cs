using Microsoft.EntityFrameworkCore;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Rounds;

/// <summary>Issue #17: an inspector left out of a team's candidates shows with the reason instead of missing silently.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_form_says_why_an_inspector_is_not_offered(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task A_member_of_the_team_is_listed_with_the_conflict_of_interest_and_every_inspector_is_either_offered_or_explained()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var team = await factory.TeamWithMemberAsync("未列入原因测试组", "inspector3@demo.local");
        var insider = await factory.PersonIdAsync("inspector3@demo.local");

        var html = await client.GetStringAsync("/Rounds/Create");

        var block = Html.Parse(html).QuerySelector($"[data-team-id='{team}']");
        Assert.NotNull(block);
        Assert.Null(block.QuerySelector($"#team-{team}-inspector-{insider}"));
        var excluded = block.QuerySelectorAll("[data-excluded-inspector]").ToList();
        var member = Assert.Single(excluded, e => e.GetAttribute("data-excluded-inspector") == insider.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Member", member.GetAttribute("data-reason"));
        Assert.Contains(Texts.Zh("Rounds.Form.Excluded.Member"), member.TextContent, StringComparison.Ordinal);
        var inspectors = await factory.WithDbAsync(db => db.People.CountAsync(p => p.IsActive && p.InspectorProfile != null));
        var offered = block.QuerySelectorAll("input[type=checkbox][name$='.InspectorIds']").Length;
        Assert.Equal(inspectors, offered + excluded.Count);
    }
}
