using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Rounds;

/// <summary>Issue #17: 开始考评 cannot be undone, so its button asks first and says what follows.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Opening_a_round_asks_first(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task The_open_button_of_a_draft_carries_the_confirmation_and_the_page_loads_the_script()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var team = await factory.TeamIdAsync("园区客服二组");
        var id = await factory.DraftRoundAsync("开始前确认测试批次", [team], "inspector1@demo.local");

        var html = await client.GetStringAsync($"/Rounds/Details/{id}");

        var button = Html.First(html, $"form[action$='/Rounds/Open/{id}'] button[type=submit]");
        Assert.NotNull(button);
        Assert.Equal(Texts.Zh("Rounds.Details.OpenAsk"), button.GetAttribute("data-confirm"));
        Assert.Contains(Html.All(html, "script[src]"), s => s.GetAttribute("src")!.Contains("/js/confirm-action.js", StringComparison.Ordinal));
    }
}
