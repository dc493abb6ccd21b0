using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Web.Features.Administration.People;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Security;

/// <summary>
/// Issue #12 item 3: the sign-in cookie is only as good as its row in the session table. Real SQLite; a clock the
/// test moves for the idle timeout, the absolute lifetime and the one-minute role refresh.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Server_side_sessions(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string Password = "Right-Password-2026";

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it()
    {
        await factory.CreateUserAsync("copied@example.org", Password, Roles.Manager);
        var browser = await BrowserSignedInAsync("copied@example.org");
        var cookie = CookieOf(browser);
        Assert.Contains(".AspNetCore.Identity.Application=", cookie, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(cookie).GetAsync("/api/me")).StatusCode);

        await SignOutAsync(browser);

        var stolen = WithCookie(cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stolen.GetAsync("/api/me")).StatusCode);
        var page = await WithCookie(cookie).GetAsync("/Rounds");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://localhost/Identity/Account/Login", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(UserSessions.Reasons.SignedOut, (await SessionsOfAsync("copied@example.org")).Single().RevokedReason);
    }

    [Fact]
    public async Task Signing_out_on_one_device_leaves_the_other_devices_signed_in()
    {
        await factory.CreateUserAsync("two.devices@example.org", Password, Roles.Manager);
        var laptop = await factory.SignedInWithAsync("two.devices@example.org", Password);
        var phone = await factory.SignedInWithAsync("two.devices@example.org", Password);

        await SignOutAsync(laptop);

        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/me")).StatusCode);
        var sessions = await SessionsOfAsync("two.devices@example.org");
        Assert.Equal(2, sessions.Count);
        Assert.Single(sessions, s => s.RevokedAt is null);
    }

    [Fact]
    public async Task A_session_left_unused_longer_than_the_idle_timeout_ends()
    {
        var clock = new MovableClock();
        using var app = WithClock(clock);
        await factory.CreateUserAsync("idle@example.org", Password, Roles.Manager);
        var client = await SignedInAsync(app, "idle@example.org");

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(UserSessions.Reasons.Idle, (await SessionsOfAsync("idle@example.org")).Single().RevokedReason);
    }

    [Fact]
    public async Task A_session_in_use_ends_at_its_absolute_lifetime_which_is_configurable()
    {
        var clock = new MovableClock();
        using var app = WithClock(clock, ("Sessions:AbsoluteLifetime", "02:00:00"), ("Sessions:IdleTimeout", "00:45:00"));
        await factory.CreateUserAsync("busy@example.org", Password, Roles.Manager);
        var client = await SignedInAsync(app, "busy@example.org");

        for (var minutes = 20; minutes <= 100; minutes += 20)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        }

        // 40 minutes idle is within this app's 45, but the session is now 2 h 20 min old.
        clock.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(UserSessions.Reasons.Expired, (await SessionsOfAsync("busy@example.org")).Single().RevokedReason);
    }

    [Fact]
    public async Task Last_seen_is_written_at_most_once_a_minute()
    {
        var clock = new MovableClock();
        using var app = WithClock(clock);
        await factory.CreateUserAsync("seen@example.org", Password, Roles.Manager);
        var client = await SignedInAsync(app, "seen@example.org");
        var first = (await SessionsOfAsync("seen@example.org")).Single().LastSeenAt;

        clock.Advance(TimeSpan.FromSeconds(30));
        await client.GetAsync("/api/me");
        await client.GetAsync("/api/me");
        Assert.Equal(first, (await SessionsOfAsync("seen@example.org")).Single().LastSeenAt);

        clock.Advance(TimeSpan.FromSeconds(31));
        await client.GetAsync("/api/me");
        Assert.True((await SessionsOfAsync("seen@example.org")).Single().LastSeenAt > first);
    }

    [Fact]
    public async Task Disabling_a_person_ends_their_open_sessions_at_once_and_they_cannot_sign_in_again()
    {
        var user = await factory.CreateUserAsync("to.disable@example.org", Password, Roles.Manager);
        var personId = await AddPersonAsync(user, "to.disable@example.org");
        var client = await factory.SignedInWithAsync("to.disable@example.org", Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        await WithPeopleAsync(async (people, stamp) =>
            Assert.True((await people.SetActiveAsync(personId, stamp(personId), false, Actor.System)).IsOk));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        Assert.All(await SessionsOfAsync("to.disable@example.org"), s => Assert.Equal(UserSessions.Reasons.Disabled, s.RevokedReason));
        Assert.Equal(HttpStatusCode.OK, (await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), "to.disable@example.org", Password)).StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_is_refused_at_the_next_stamp_check_even_with_a_live_session()
    {
        var clock = new MovableClock();
        using var app = WithClock(clock);
        await factory.CreateUserAsync("flag.only@example.org", Password, Roles.Manager);
        var client = await SignedInAsync(app, "flag.only@example.org");

        // Only the flag, as a direct database edit would: the session row stays open.
        await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "flag.only@example.org").ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true)));
        clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_role_change_takes_effect_within_a_minute_and_the_session_goes_on()
    {
        var clock = new MovableClock();
        using var app = WithClock(clock);
        await factory.CreateUserAsync("promoted@example.org", Password, Roles.Inspector);
        var client = await SignedInAsync(app, "promoted@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/rounds")).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync("promoted@example.org"))!;
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(Roles.Manager))
            {
                await roles.CreateAsync(new IdentityRole(Roles.Manager));
            }

            Assert.True((await users.AddToRoleAsync(user, Roles.Manager)).Succeeded);
        }

        clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/rounds")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/rounds")).StatusCode);
        Assert.Single(await SessionsOfAsync("promoted@example.org"), s => s.RevokedAt is null);
    }

    [Fact]
    public async Task A_cookie_without_a_session_is_not_accepted()
    {
        await factory.CreateUserAsync("no.session@example.org", Password, Roles.Manager);
        var client = await factory.SignedInWithAsync("no.session@example.org", Password);
        await factory.WithDbAsync(db => db.Set<UserSession>().Where(s => s.UserId == db.Users.Single(u => u.Email == "no.session@example.org").Id).ExecuteDeleteAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Rows_of_sessions_that_ended_long_ago_are_pruned_and_open_ones_kept()
    {
        var clock = new MovableClock();
        using var app = WithClock(clock);
        await factory.CreateUserAsync("pruned@example.org", Password, Roles.Manager);
        var ended = await SignedInAsync(app, "pruned@example.org");
        await SignOutAsync(ended);
        clock.Advance(TimeSpan.FromDays(8));
        var open = await SignedInAsync(app, "pruned@example.org");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserSessions>().PruneAsync();
        }

        var left = Assert.Single(await SessionsOfAsync("pruned@example.org"));
        Assert.Null(left.RevokedAt);
        Assert.Equal(HttpStatusCode.OK, (await open.GetAsync("/api/me")).StatusCode);
    }

    private WebApplicationFactory<Program> WithClock(MovableClock clock, params (string Key, string Value)[] settings) =>
        factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock));
        });

    private static async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> app, string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await ServiceReviewWebFactory.SignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task SignOutAsync(HttpClient client)
    {
        var token = await ServiceReviewWebFactory.GetAntiforgeryTokenAsync(client, "/Identity/Account/Logout");
        var response = await client.PostAsync("/Identity/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The cookies the client holds (the sign-in cookie among them), as someone copying them from the browser would.</summary>
    private static string CookieOf(HttpClient client) =>
        Jars.TryGetValue(client, out var jar) ? jar.GetCookieHeader(new Uri("http://localhost/")) : throw new InvalidOperationException("Not a browser of this test.");

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> Jars = new();

    private async Task<HttpClient> BrowserSignedInAsync(string email)
    {
        var jar = new CookieContainer();
        var client = factory.CreateDefaultClient(new Uri("http://localhost/"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(jar));
        Jars.Add(client, jar);
        var response = await ServiceReviewWebFactory.SignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private HttpClient WithCookie(string cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private Task<List<UserSession>> SessionsOfAsync(string email) =>
        factory.WithDbAsync(db => db.Set<UserSession>().AsNoTracking()
            .Where(s => s.UserId == db.Users.Single(u => u.Email == email).Id)
            .OrderBy(s => s.CreatedAt).ToListAsync());

    private Task<int> AddPersonAsync(ApplicationUser user, string email) =>
        factory.WithDbAsync(async db =>
        {
            var person = new Person(email, email, user.Id);
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });

    private async Task WithPeopleAsync(Func<PeopleAdminService, Func<int, Guid>, Task> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<PeopleAdminService>();
        var stamps = await factory.WithDbAsync(db => db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.ConcurrencyStamp));
        await action(people, id => stamps[id]);
    }
}
