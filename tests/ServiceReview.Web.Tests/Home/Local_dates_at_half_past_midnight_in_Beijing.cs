using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Notifications;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Features.Notifications;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Home;

/// <summary>
/// At 2026-12-04T16:30Z it is 00:30 on 5 December in Beijing and 11:30 on 4 December in New York (ADR 0022): a
/// corrective action is overdue once its due day has passed in its own project's zone, wherever the server is.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Local_dates_at_half_past_midnight_in_Beijing(ServiceReviewWebFactory factory)
    : IClassFixture<ServiceReviewWebFactory>, IAsyncLifetime
{
    private static readonly DateTimeOffset HalfPastMidnightInBeijing = new(2026, 12, 4, 16, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Fourth = new(2026, 12, 4);
    private static readonly DateOnly Fifth = new(2026, 12, 5);

    private static readonly SemaphoreSlim SetUpLock = new(1, 1);
    private static readonly Dictionary<ServiceReviewWebFactory, Actions> Made = [];

    private Actions _actions = null!;

    private sealed record Actions(int BeijingDueFourth, int BeijingDueFifth, int NewYorkDueFourth, int KiritimatiDueFourth, int PagoPagoDueThird, int KiritimatiDueThird);

    public async Task InitializeAsync()
    {
        await SetUpLock.WaitAsync();
        try
        {
            if (!Made.TryGetValue(factory, out var made))
            {
                made = await MakeActionsAsync();
                Made[factory] = made;
            }

            _actions = made;
        }
        finally
        {
            SetUpLock.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// Only this class's actions exist; lead1 owns the ones due in Beijing and New York (their home page lists them), the
    /// manager the others. 园区客服一组 is in a demo project (Asia/Shanghai); the
    /// others are in new projects of their own zones.
    /// </summary>
    private async Task<Actions> MakeActionsAsync()
    {
        await factory.EnsureDemoDataAsync();
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = ["inspector1@demo.local"] });
        return await factory.WithDbAsync(async db =>
        {
            await db.CorrectiveActions.ExecuteDeleteAsync();
            var lead = await db.People.FirstAsync(p => p.Email == "lead1@demo.local");
            var manager = await db.People.FirstAsync(p => p.Email == "manager@demo.local");
            var beijing = await db.Teams.FirstAsync(t => t.Name == F.Lead1Team);
            Assert.Equal("Asia/Shanghai", await db.Projects.Where(p => p.Id == beijing.ProjectId).Select(p => p.TimeZoneId).SingleAsync());

            async Task<int> TeamInAsync(string zone)
            {
                var project = new Project($"时区 {zone}", "客户", zone);
                db.Projects.Add(project);
                await db.SaveChangesAsync();
                var team = new Team(project.Id, $"客服组 {zone}");
                db.Teams.Add(team);
                await db.SaveChangesAsync();
                return team.Id;
            }

            var newYork = await TeamInAsync("America/New_York");
            var kiritimati = await TeamInAsync("Pacific/Kiritimati");
            var pagoPago = await TeamInAsync("Pacific/Pago_Pago");

            async Task<int> RaiseAsync(int teamId, DateOnly due, Person? owner = null)
            {
                var action = new CorrectiveAction(round.RoundId, teamId, null, $"时区整改 {teamId} {due:MMdd}", (owner ?? lead).Id, due, manager.Id, new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc));
                db.CorrectiveActions.Add(action);
                await db.SaveChangesAsync();
                return action.Id;
            }

            return new Actions(
                await RaiseAsync(beijing.Id, Fourth), await RaiseAsync(beijing.Id, Fifth), await RaiseAsync(newYork, Fourth),
                await RaiseAsync(kiritimati, Fourth, manager), await RaiseAsync(pagoPago, Fourth.AddDays(-1), manager), await RaiseAsync(kiritimati, Fourth.AddDays(-1), manager));
        });
    }

    private WebApplicationFactory<Program> PinnedAt(DateTimeOffset utc) =>
        factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock(utc))));

    private static async Task<string> PageAsync(WebApplicationFactory<Program> app, string email, string path)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await F.SignInAsync(client, email, F.DemoPassword);
        var response = await client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The markup of the element marked <c>data-action="{id}"</c> up to its closing tag (a list item or table row).</summary>
    private static string ActionMarkup(string html, int id, string tag)
    {
        var match = Regex.Match(html, $"<{tag}[^>]*data-action=\"{id}\"[^>]*>.*?</{tag}>", RegexOptions.Singleline);
        Assert.True(match.Success, $"No <{tag} data-action=\"{id}\"> on the page.");
        return match.Value;
    }

    private static bool MarkedOverdue(string markup) => markup.Contains("data-overdue", StringComparison.Ordinal);

    [Fact]
    public async Task The_leads_home_page_shows_the_action_due_on_the_fourth_in_Beijing_as_overdue_and_the_others_not()
    {
        using var app = PinnedAt(HalfPastMidnightInBeijing);

        var html = await PageAsync(app, "lead1@demo.local", "/");

        Assert.Contains("data-today=\"2026-12-05\"", html, StringComparison.Ordinal);
        Assert.True(MarkedOverdue(ActionMarkup(html, _actions.BeijingDueFourth, "li")));
        Assert.False(MarkedOverdue(ActionMarkup(html, _actions.BeijingDueFifth, "li")));
        Assert.False(MarkedOverdue(ActionMarkup(html, _actions.NewYorkDueFourth, "li")));
    }

    [Fact]
    public async Task The_action_list_and_the_action_page_judge_overdue_by_the_projects_own_day()
    {
        using var app = PinnedAt(HalfPastMidnightInBeijing);

        var all = await PageAsync(app, "manager@demo.local", "/Actions?pageSize=100");
        var overdueOnly = await PageAsync(app, "manager@demo.local", "/Actions?overdue=true&pageSize=100");
        var beijingPage = await PageAsync(app, "manager@demo.local", $"/Actions/Details/{_actions.BeijingDueFourth}");
        var newYorkPage = await PageAsync(app, "manager@demo.local", $"/Actions/Details/{_actions.NewYorkDueFourth}");

        Assert.True(MarkedOverdue(ActionMarkup(all, _actions.BeijingDueFourth, "tr")));
        Assert.False(MarkedOverdue(ActionMarkup(all, _actions.BeijingDueFifth, "tr")));
        Assert.False(MarkedOverdue(ActionMarkup(all, _actions.NewYorkDueFourth, "tr")));
        Assert.Contains($"data-action=\"{_actions.BeijingDueFourth}\"", overdueOnly, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-action=\"{_actions.BeijingDueFifth}\"", overdueOnly, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-action=\"{_actions.NewYorkDueFourth}\"", overdueOnly, StringComparison.Ordinal);
        Assert.Contains("data-overdue", beijingPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-overdue", newYorkPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_zones_on_three_different_days_are_each_judged_by_their_own_day_in_the_database_query()
    {
        // 10:30Z: 23:30 on the 3rd in Pago Pago (UTC−11), 18:30 on the 4th in Beijing, 00:30 on the 5th in Kiritimati (UTC+14).
        using var app = PinnedAt(new DateTimeOffset(2026, 12, 4, 10, 30, 0, TimeSpan.Zero));

        var overdueOnly = await PageAsync(app, "manager@demo.local", "/Actions?overdue=true&pageSize=100");
        var home = await PageAsync(app, "manager@demo.local", "/");

        Assert.Contains($"data-action=\"{_actions.KiritimatiDueFourth}\"", overdueOnly, StringComparison.Ordinal);
        Assert.Contains($"data-action=\"{_actions.KiritimatiDueThird}\"", overdueOnly, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-action=\"{_actions.PagoPagoDueThird}\"", overdueOnly, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-action=\"{_actions.BeijingDueFourth}\"", overdueOnly, StringComparison.Ordinal);
        Assert.Contains("data-overdue-count=\"2\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_manager_counts_the_actions_overdue_in_their_own_zones_at_half_past_midnight_in_Beijing()
    {
        using var app = PinnedAt(HalfPastMidnightInBeijing);

        var home = await PageAsync(app, "manager@demo.local", "/");

        // Beijing's due the 4th, Kiritimati's due the 3rd and the 4th (06:30 on the 5th there) and Pago Pago's due the
        // 3rd (05:30 on the 4th there); not New York's due the 4th (11:30 on the 4th there).
        Assert.Contains("data-overdue-count=\"4\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reminder_job_finds_the_Beijing_action_due_on_the_fourth_overdue_and_the_ones_due_today_due_soon()
    {
        using var app = PinnedAt(HalfPastMidnightInBeijing);
        await using var scope = app.Services.CreateAsyncScope();

        var reminders = await scope.ServiceProvider.GetRequiredService<ReminderJob>().FindAsync();

        NotificationKind? KindFor(int id) => reminders.SingleOrDefault(r => r.SubjectType == nameof(CorrectiveAction) && r.SubjectId == id)?.Kind;
        Assert.Equal(NotificationKind.Overdue, KindFor(_actions.BeijingDueFourth));
        Assert.Equal(NotificationKind.DueSoon, KindFor(_actions.BeijingDueFifth));
        Assert.Equal(NotificationKind.DueSoon, KindFor(_actions.NewYorkDueFourth));
        Assert.Contains(reminders, r => r.Key == $"Overdue:CorrectiveAction:{_actions.BeijingDueFourth}:20261204");
        Assert.Contains(reminders, r => r.Key == $"DueSoon:CorrectiveAction:{_actions.NewYorkDueFourth}:20261204");
    }

    [Fact]
    public void The_instant_is_the_fifth_in_Beijing_and_the_fourth_in_New_York()
    {
        var clock = OrganisationClock.For(new FixedClock(HalfPastMidnightInBeijing), null);

        Assert.Equal(Fifth, clock.Today);
        Assert.Equal(Fourth, clock.TodayInProject("America/New_York"));
        Assert.Equal("2026-12-05", clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        // The server's own zone must not matter: pretend it is UTC, as on a Linux server.
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
