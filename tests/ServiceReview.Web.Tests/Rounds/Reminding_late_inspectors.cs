using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Notifications;
using ServiceReview.Web.Tests.Email;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Rounds;

/// <summary>
/// Issue #17 item 9: "提醒逾期检查人" tells every inspector with an overdue inspection in the round — once each, through
/// the notifications and the e-mail outbox — says how many, does not remind again within a short time, and is audited.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Reminding_late_inspectors(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";

    [Fact]
    public async Task One_click_reminds_each_late_inspector_once_and_a_second_click_reminds_nobody()
    {
        var factory = fixture.Factory;
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var id = await LateRoundAsync("逾期提醒");
        await factory.DispatchEmailAsync(); // the round's own e-mails are not what this test is about
        var i1 = await factory.PersonIdAsync(I1);
        var i2 = await factory.PersonIdAsync(I2);
        var page = Html.Parse(await client.GetStringAsync($"/Rounds/Details/{id}"));
        Assert.NotNull(page.QuerySelector("form[data-remind-late]"));
        Assert.Equal("3", page.QuerySelector("[data-total='overdue']")?.GetAttribute("data-value"));
        Assert.Equal(3, page.QuerySelectorAll("[data-overdue]").Length); // each row's mark by the same rule as the total

        var emailsBefore = (await factory.OutboxForAsync(I1)).Count(e => e.Purpose == nameof(NotificationKind.Overdue));
        var first = await ServiceReviewWebFactory.PostFormAsync(client, $"/Rounds/Details/{id}", $"/Rounds/RemindLate/{id}", [new("returnUrl", $"/Rounds/Details/{id}?sort=Team")]);

        Assert.Equal($"/Rounds/Details/{id}?sort=Team", first.Headers.Location?.OriginalString);
        Assert.Equal(Texts.Zh("Rounds.RemindLate.Done", 2), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(client, first)));
        var reminders = await RemindersAsync(id);
        Assert.Equal([i1, i2], reminders.Order());
        Assert.Equal(emailsBefore + 1, (await factory.OutboxForAsync(I1)).Count(e => e.Purpose == nameof(NotificationKind.Overdue)));
        var audit = Assert.Single(await factory.AuditAsync("Round", id), a => a.Action == "RemindedLate");
        Assert.Contains(string.Join(",", new[] { i1, i2 }.Order()), audit.NewValue, StringComparison.Ordinal);

        var second = await ServiceReviewWebFactory.PostFormAsync(client, $"/Rounds/Details/{id}", $"/Rounds/RemindLate/{id}", []);

        Assert.Equal(Texts.Zh("Rounds.RemindLate.DoneSkipped", 0, 2, 12), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(client, second)));
        Assert.Equal(2, (await RemindersAsync(id)).Count);
        Assert.Single(await factory.AuditAsync("Round", id), a => a.Action == "RemindedLate");
    }

    [Fact]
    public async Task A_round_whose_window_is_still_open_has_nobody_to_remind()
    {
        var factory = fixture.Factory;
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var id = await factory.OpenRoundAsync("未逾期", await factory.TeamsOfNewProjectAsync("未逾期", 1), I1);

        var page = Html.Parse(await client.GetStringAsync($"/Rounds/Details/{id}"));
        Assert.Null(page.QuerySelector("form[data-remind-late]"));
        var response = await ServiceReviewWebFactory.PostFormAsync(client, $"/Rounds/Details/{id}", $"/Rounds/RemindLate/{id}", []);

        Assert.Equal(Texts.Zh("Rounds.RemindLate.NoneLate"), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(client, response)));
        Assert.Empty(await RemindersAsync(id));
    }

    [Fact]
    public async Task From_the_rounds_list_every_late_round_is_reminded_once()
    {
        var factory = fixture.Factory;
        var client = await factory.SignedInAsync(RoundsTestData.Manager);
        var a = await LateRoundAsync("全部逾期甲");
        var b = await LateRoundAsync("全部逾期乙");

        var response = await ServiceReviewWebFactory.PostFormAsync(client, "/Rounds", "/Rounds/RemindAllLate", []);

        Assert.Matches(Texts.ZhPattern("Rounds.RemindLate.Done"), RoundsTestData.StatusMessage(await RoundsTestData.FollowAsync(client, response)));
        Assert.Equal(2, (await RemindersAsync(a)).Count);
        Assert.Equal(2, (await RemindersAsync(b)).Count);
        await ServiceReviewWebFactory.PostFormAsync(client, "/Rounds", "/Rounds/RemindAllLate", []);
        Assert.Equal(2, (await RemindersAsync(a)).Count);
    }

    /// <summary>An open round of two teams × inspectors 1 and 2 whose window closed an hour ago; inspector2's first inspection was submitted: 3 overdue, 2 inspectors.</summary>
    private async Task<int> LateRoundAsync(string name)
    {
        var factory = fixture.Factory;
        var teams = await factory.TeamsOfNewProjectAsync(name, 2);
        var id = await factory.OpenRoundAsync(name, teams, I1, I2);
        var i2 = await factory.PersonIdAsync(I2);
        var now = DateTime.UtcNow;
        await factory.WithDbAsync(db => db.Rounds.Where(r => r.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.WindowOpensAt, now.AddDays(-3)).SetProperty(r => r.WindowClosesAt, now.AddHours(-1))));
        await factory.WithDbAsync(db => db.Inspections.Where(i => i.RoundId == id && i.TeamId == teams[0] && i.InspectorId == i2)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InspectionStatus.Submitted)));
        return id;
    }

    private Task<List<int>> RemindersAsync(int roundId) =>
        fixture.Factory.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Kind == NotificationKind.Overdue && n.SubjectType == "Round" && n.SubjectId == roundId)
            .Select(n => n.RecipientId).ToListAsync());
}
