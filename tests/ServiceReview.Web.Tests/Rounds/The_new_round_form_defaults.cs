using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Organisation;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Rounds;

/// <summary>
/// Issue #17: the new-round form proposes a name no round has yet, and a submission window that is open now,
/// so a round opened at once can be filled the same day.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class The_new_round_form_defaults(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task The_proposed_name_differs_from_every_existing_round_even_when_the_default_is_taken()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var first = Html.AttributeOf(await client.GetStringAsync("/Rounds/Create"), "input[name=Name]", "value");
        Assert.False(string.IsNullOrEmpty(first));
        if (!await factory.WithDbAsync(db => db.Rounds.AnyAsync(r => r.Name == first)))
        {
            await factory.DraftRoundAsync(first, [await factory.TeamIdAsync("园区客服二组")], "inspector1@demo.local");
        }

        var proposed = Html.AttributeOf(await client.GetStringAsync("/Rounds/Create"), "input[name=Name]", "value");

        var names = await factory.WithDbAsync(db => db.Rounds.Select(r => r.Name).ToListAsync());
        Assert.Contains(first, names);
        Assert.False(string.IsNullOrEmpty(proposed));
        Assert.DoesNotContain(proposed, names);
    }

    [Fact]
    public async Task The_proposed_submission_window_is_open_now()
    {
        var client = await factory.SignedInAsync(RoundsTestData.Manager);

        var html = await client.GetStringAsync("/Rounds/Create");

        using var scope = factory.Services.CreateScope();
        var now = scope.ServiceProvider.GetRequiredService<OrganisationClock>().Now;
        var opens = DateTime.Parse(Html.AttributeOf(html, "input[name=WindowOpensAt]", "value")!, CultureInfo.InvariantCulture);
        var closes = DateTime.Parse(Html.AttributeOf(html, "input[name=WindowClosesAt]", "value")!, CultureInfo.InvariantCulture);
        Assert.True(opens <= now, $"the window opens at {opens:yyyy-MM-dd HH:mm}, after now {now:yyyy-MM-dd HH:mm}");
        Assert.True(now < closes, $"the window closes at {closes:yyyy-MM-dd HH:mm}, before now {now:yyyy-MM-dd HH:mm}");
    }
}
