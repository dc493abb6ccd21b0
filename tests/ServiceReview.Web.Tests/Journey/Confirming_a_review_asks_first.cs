using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Journey;

/// <summary>Issue #17: 确认结果 makes the result final (no dispute afterwards), so the button asks first.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Confirming_a_review_asks_first(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task The_confirm_button_carries_the_confirmation_and_the_page_loads_the_script()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = ["inspector1@demo.local"] });
        var id = round[F.Lead1Team, "inspector1@demo.local"];
        await factory.SubmitAsync(id, F.Inputs.WorkedExample());
        var lead = await factory.SignedInAsync("lead1@demo.local");

        var html = await lead.GetStringAsync($"/Reviews/Review/{id}");

        var button = Html.First(html, "form[action$='/Reviews/Confirm'] button[type=submit]");
        Assert.NotNull(button);
        Assert.Equal(Texts.Zh("Review.Confirm.Ask"), button.GetAttribute("data-confirm"));
        Assert.Contains(Html.All(html, "script[src]"), s => s.GetAttribute("src")!.Contains("/js/confirm-action.js", StringComparison.Ordinal));
    }
}
