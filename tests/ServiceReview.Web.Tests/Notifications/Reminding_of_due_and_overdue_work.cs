using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Notifications;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Features.Notifications;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Notifications;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Reminding_of_due_and_overdue_work(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I3 = "inspector3@demo.local";

    private async Task<int> InspectionWhoseWindowClosesInAsync(TimeSpan fromNow)
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead2Team] = [I3] });
        var closesAt = DateTime.UtcNow + fromNow;
        await factory.WithDbAsync(db => db.Rounds.Where(r => r.Id == round.RoundId).ExecuteUpdateAsync(s => s.SetProperty(r => r.WindowClosesAt, closesAt)));
        return round[F.Lead2Team, I3];
    }

    private Task<int> CountAsync(string key) => factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.Key == key));

    [Fact]
    public async Task Two_instances_running_the_job_at_the_same_moment_store_each_reminder_once()
    {
        var id = await InspectionWhoseWindowClosesInAsync(TimeSpan.FromHours(20));
        await using var first = factory.Services.CreateAsyncScope();
        await using var second = factory.Services.CreateAsyncScope();
        var jobA = first.ServiceProvider.GetRequiredService<ReminderJob>();
        var jobB = second.ServiceProvider.GetRequiredService<ReminderJob>();

        // Both instances look before either stores: both mean to store the same reminder.
        var foundA = await jobA.FindAsync();
        var foundB = await jobB.FindAsync();
        Assert.Contains(foundA, r => r.Key == $"DueSoon:Inspection:{id}");
        Assert.Contains(foundB, r => r.Key == $"DueSoon:Inspection:{id}");

        var storedA = await jobA.StoreAsync(foundA);
        var storedB = await jobB.StoreAsync(foundB);

        Assert.Equal(foundA.Count, storedA);
        Assert.Equal(0, storedB);
        Assert.Equal(1, await CountAsync($"DueSoon:Inspection:{id}"));
        var reminder = Assert.Single(await factory.NotificationsOfAsync(I3), n => n.Key == $"DueSoon:Inspection:{id}");
        Assert.Equal(NotificationKind.DueSoon, reminder.Kind);
        Assert.Equal($"/Inspections/Fill/{id}", reminder.Link);
    }

    [Fact]
    public async Task Running_the_job_again_adds_nothing_new()
    {
        var id = await InspectionWhoseWindowClosesInAsync(TimeSpan.FromHours(30));
        await factory.WithServiceAsync<ReminderJob, int>(j => j.RunAsync());

        var again = await factory.WithServiceAsync<ReminderJob, int>(j => j.RunAsync());

        Assert.Equal(0, again);
        Assert.Equal(1, await CountAsync($"DueSoon:Inspection:{id}"));
    }

    [Fact]
    public async Task An_inspection_whose_window_is_far_off_gets_no_reminder_and_one_whose_window_passed_is_overdue()
    {
        var later = await InspectionWhoseWindowClosesInAsync(TimeSpan.FromDays(5));
        var passed = await InspectionWhoseWindowClosesInAsync(TimeSpan.FromHours(-3));

        await factory.WithServiceAsync<ReminderJob, int>(j => j.RunAsync());

        Assert.Equal(0, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.SubjectType == "Inspection" && n.SubjectId == later)));
        Assert.Equal(1, await CountAsync($"Overdue:Inspection:{passed}"));
        Assert.Equal(0, await CountAsync($"DueSoon:Inspection:{passed}"));
    }

    [Fact]
    public async Task An_open_action_past_its_due_date_reminds_its_owner_but_a_verified_one_does_not()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I3] });
        var overdue = await factory.RaiseActionAsync(round.RoundId, F.Lead1Team, null, "逾期整改", new DateOnly(2026, 1, 1));
        var notYet = await factory.RaiseActionAsync(round.RoundId, F.Lead1Team, null, "未到期整改", new DateOnly(2099, 1, 1));

        await factory.WithServiceAsync<ReminderJob, int>(j => j.RunAsync());

        var told = Assert.Single(await factory.NotificationsOfAsync("lead1@demo.local"), n => n.Kind == NotificationKind.Overdue && n.SubjectId == overdue && n.SubjectType == "CorrectiveAction");
        Assert.Equal($"/Actions/Details/{overdue}", told.Link);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.SubjectType == "CorrectiveAction" && n.SubjectId == notYet)));
    }
}
