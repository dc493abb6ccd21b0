using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Cli;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Security;

/// <summary>
/// The administrator's audit page lists and filters the log and checks its hash chain; <c>verify-audit</c> does the
/// same from the command line. A row edited in the database is named as the first broken link by both.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed partial class The_audit_log_page_and_verify_command(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task Only_an_administrator_opens_the_audit_page()
    {
        await GivenAuditedActionsAsync();

        var admin = await factory.SignedInWithAsync("admin@demo.local", ServiceReviewWebFactory.DemoPassword);
        var manager = await factory.SignedInWithAsync("manager@demo.local", ServiceReviewWebFactory.DemoPassword);
        var inspector = await factory.SignedInWithAsync("inspector1@demo.local", ServiceReviewWebFactory.DemoPassword);

        var page = await admin.GetAsync("/Audit");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-audit-list", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertAccessDenied(await manager.GetAsync("/Audit"));
        AssertAccessDenied(await inspector.GetAsync("/Audit?verify=true"));
    }

    [Fact]
    public async Task Filters_by_kind_and_by_date()
    {
        await GivenAuditedActionsAsync();
        var admin = await factory.SignedInWithAsync("admin@demo.local", ServiceReviewWebFactory.DemoPassword);

        var confirmed = await admin.GetStringAsync("/Audit?kind=Confirmed&size=100");
        var actions = EntryActions().Matches(confirmed).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.Equal("Confirmed", a));

        var future = await admin.GetStringAsync("/Audit?from=2099-01-01");
        Assert.DoesNotContain("data-audit-entry=", future, StringComparison.Ordinal);
        Assert.Contains("data-empty=\"no-match\"", future, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dates_filter_by_the_organisations_calendar_day()
    {
        await GivenAuditedActionsAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();

            // 17:00 UTC on the 4th is 01:00 on the 5th in Beijing.
            db.Audit(new ServiceReview.Core.Audit.Actor(null, "夜班", null), new DateTime(2026, 12, 4, 17, 0, 0, DateTimeKind.Utc), "Round", 1, "LocalDayProbe");
            await db.SaveChangesAsync();
        }

        var admin = await factory.SignedInWithAsync("admin@demo.local", ServiceReviewWebFactory.DemoPassword);

        Assert.Contains("data-audit-action=\"LocalDayProbe\"", await admin.GetStringAsync("/Audit?kind=LocalDayProbe&from=2026-12-05&to=2026-12-05"), StringComparison.Ordinal);
        Assert.DoesNotContain("data-audit-action=\"LocalDayProbe\"", await admin.GetStringAsync("/Audit?kind=LocalDayProbe&from=2026-12-04&to=2026-12-04"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_sign_in_is_found_by_person_and_kind_without_the_password()
    {
        await GivenAuditedActionsAsync();
        var stranger = factory.CreateBrowser();
        await ServiceReviewWebFactory.SignInAsync(stranger, "nobody-here@example.test", "Guessed-Password-1");
        var admin = await factory.SignedInWithAsync("admin@demo.local", ServiceReviewWebFactory.DemoPassword);

        var found = await admin.GetStringAsync("/Audit?kind=SignInFailed&person=nobody-here");

        var actions = EntryActions().Matches(found).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["SignInFailed"], actions);
        Assert.Contains("nobody-here@example.test", found, StringComparison.Ordinal);
        Assert.DoesNotContain("Guessed-Password-1", found, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_strangers_over_long_address_is_refused_by_the_form_and_writes_nothing()
    {
        await GivenAuditedActionsAsync();
        var before = await factory.WithDbAsync(db => db.AuditLog.CountAsync());

        var answer = await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), new string('a', 100_000) + "@example.test", "Some-Password-123");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode); // the form again, with the address refused
        Assert.Equal(before, await factory.WithDbAsync(db => db.AuditLog.CountAsync()));
    }

    [Fact]
    public async Task An_edited_row_is_named_by_the_page_and_the_command_and_an_intact_log_passes_both()
    {
        await GivenAuditedActionsAsync();
        var admin = await factory.SignedInWithAsync("admin@demo.local", ServiceReviewWebFactory.DemoPassword);

        var intact = await admin.GetStringAsync("/Audit?verify=true");
        Assert.Contains("data-audit-chain=\"intact\"", intact, StringComparison.Ordinal);
        var ok = new StringWriter();
        Assert.Equal(CliExitCodes.Success, await CliDispatcher.RunAsync(new VerifyAuditCommand(), factory.Services, new CliConsole(new StringReader(""), ok, new StringWriter(), false)));
        Assert.Contains("intact", ok.ToString(), StringComparison.Ordinal);

        long tampered;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
            var sequences = await db.AuditLog.CountAsync();
            var victim = await db.AuditLog.AsNoTracking().OrderBy(a => a.Sequence).Skip(sequences / 2).FirstAsync();
            tampered = victim.Id;

            // Someone with database access "improves" a score in the log.
            await db.AuditLog.Where(a => a.Id == victim.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.NewValue, "99.9"));
        }

        var broken = await admin.GetStringAsync("/Audit?verify=true");
        Assert.Contains("data-audit-chain=\"broken\"", broken, StringComparison.Ordinal);
        Assert.Contains($"data-audit-break-entry=\"{tampered}\"", broken, StringComparison.Ordinal);
        Assert.Contains("data-audit-break-kind=\"Altered\"", broken, StringComparison.Ordinal);

        var error = new StringWriter();
        var exit = await CliDispatcher.RunAsync(new VerifyAuditCommand(), factory.Services, new CliConsole(new StringReader(""), new StringWriter(), error, false));
        Assert.Equal(CliExitCodes.Failure, exit);
        Assert.Contains($"entry id {tampered}", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_verify_audit_verb_takes_no_arguments()
    {
        Assert.IsType<VerifyAuditCommand>(CliDispatcher.Parse(["verify-audit"]).Command);
        Assert.True(CliDispatcher.Parse(["verify-audit", "--now"]).IsError);
    }

    private static void AssertAccessDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Identity/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>The demo data, and a few audited actions written the way every use case writes them.</summary>
    private async Task GivenAuditedActionsAsync()
    {
        await factory.EnsureDemoDataAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        if (await db.AuditLog.CountAsync() >= 6)
        {
            return;
        }

        var actor = new ServiceReview.Core.Audit.Actor(null, "审计测试", null);
        for (var i = 1; i <= 3; i++)
        {
            db.Audit(actor, DateTime.UtcNow, "Inspection", i, "Confirmed", "Submitted", "Confirmed");
            db.Audit(actor, DateTime.UtcNow, "Inspection", i, "ScoreChanged", "80.0", $"8{i}.0");
        }

        await db.SaveChangesAsync();
    }

    [GeneratedRegex("data-audit-action=\"([^\"]+)\"")]
    private static partial Regex EntryActions();
}
