using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Security;
using ServiceReview.Web.Tests.Infrastructure;
using static ServiceReview.Web.Tests.Admin.AdminTestData;

namespace ServiceReview.Web.Tests.Admin;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Managing_people(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task An_administrator_creates_an_inspector_with_an_account_and_sees_the_one_time_password_only_once()
    {
        var client = await factory.SignedInAsync(AdminEmail);

        var response = await ServiceReviewWebFactory.PostFormAsync(client, "/People/Create", "/People/Create",
            Person("赵检查", "zhao.check@example.org", [Roles.Inspector], "OperationsLead", 6));

        var html = await ServiceReviewWebFactory.FollowRedirectAsync(client, response);
        var password = ServiceReviewWebFactory.OneTimePasswordOf(html);
        Assert.NotNull(password);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(password, "^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$"), password);
        Assert.Null(ServiceReviewWebFactory.OneTimePasswordOf(WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location))));

        var person = await factory.PersonByEmailAsync("zhao.check@example.org");
        Assert.NotNull(person);
        Assert.Equal(new InspectorProfile(InspectorType.OperationsLead, 6), person.InspectorProfile);
        var (user, roles) = await factory.AccountAsync("zhao.check@example.org");
        Assert.Equal(person.UserId, user!.Id);
        Assert.Equal([Roles.Inspector], roles);
        Assert.Equal("Created", Assert.Single(await factory.AuditOfAsync("Person", person.Id)).Action);
    }

    [Fact]
    public async Task A_new_account_signs_in_with_its_one_time_password_and_must_choose_its_own_before_any_page()
    {
        var admin = await factory.SignedInAsync(AdminEmail);
        var created = await ServiceReviewWebFactory.PostFormAsync(admin, "/People/Create", "/People/Create",
            Person("钱新人", "qian.new@example.org", [Roles.Inspector], "TechnicalStaff", 2));
        var password = ServiceReviewWebFactory.OneTimePasswordOf(await ServiceReviewWebFactory.FollowRedirectAsync(admin, created))!;

        var user = await factory.SignedInWithAsync("qian.new@example.org", password);
        var home = await user.GetAsync("/Inspections");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Account/ChangePassword", home.Headers.Location!.OriginalString);

        var changed = await ServiceReviewWebFactory.PostFormAsync(user, "/Account/ChangePassword", "/Account/ChangePassword",
        [
            new("CurrentPassword", password), new("NewPassword", "Qian-Own-Password-2026"), new("ConfirmPassword", "Qian-Own-Password-2026"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/Inspections")).StatusCode);
        var again = factory.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await ServiceReviewWebFactory.SignInAsync(again, "qian.new@example.org", "Qian-Own-Password-2026")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Inspections")).StatusCode);
    }

    [Fact]
    public async Task Changing_a_password_with_a_wrong_current_password_is_refused_and_says_why()
    {
        await factory.EnsureDemoDataAsync();
        await factory.CreateUserAsync("sun.pw@example.org", "Sun-Password-2026", Roles.Inspector);
        var user = await factory.SignedInWithAsync("sun.pw@example.org", "Sun-Password-2026");

        var response = await ServiceReviewWebFactory.PostFormAsync(user, "/Account/ChangePassword", "/Account/ChangePassword",
        [
            new("CurrentPassword", "Wrong-Password-2026"), new("NewPassword", "Sun-Other-Password-2026"), new("ConfirmPassword", "Sun-Other-Password-2026"),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(Texts.ZhPattern("Admin.ChangePassword.WrongCurrent"), WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var again = factory.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await ServiceReviewWebFactory.SignInAsync(again, "sun.pw@example.org", "Sun-Password-2026")).StatusCode);
    }

    [Fact]
    public async Task A_person_without_an_account_is_created_with_no_sign_in_and_no_password_shown()
    {
        var client = await factory.SignedInAsync(AdminEmail);

        var response = await ServiceReviewWebFactory.PostFormAsync(client, "/People/Create", "/People/Create",
            Person("李组员", "li.member@example.org", [], account: false));

        var html = await ServiceReviewWebFactory.FollowRedirectAsync(client, response);
        Assert.Null(ServiceReviewWebFactory.OneTimePasswordOf(html));
        var person = await factory.PersonByEmailAsync("li.member@example.org");
        Assert.Null(person!.UserId);
        Assert.Null((await factory.AccountAsync("li.member@example.org")).User);
    }

    [Fact]
    public async Task An_email_that_someone_has_already_is_refused_next_to_the_field_and_nothing_is_created()
    {
        var client = await factory.SignedInAsync(AdminEmail);
        var before = await factory.WithDbAsync(db => db.People.CountAsync());

        var response = await ServiceReviewWebFactory.PostFormAsync(client, "/People/Create", "/People/Create",
            Person("冒名者", "inspector1@demo.local", [Roles.Inspector], "TechnicalStaff", 1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Matches(Texts.ZhPattern("Admin.People.EmailTaken"), html);
        Assert.Contains("value=\"冒名者\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.People.CountAsync()));
    }

    [Fact]
    public async Task Roles_without_an_account_are_refused()
    {
        var client = await factory.SignedInAsync(AdminEmail);

        var response = await ServiceReviewWebFactory.PostFormAsync(client, "/People/Create", "/People/Create",
            Person("无账户经理", "no.account.manager@example.org", [Roles.Manager], account: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await factory.PersonByEmailAsync("no.account.manager@example.org"));
    }

    [Fact]
    public async Task Editing_changes_name_email_roles_and_profile_of_person_and_account_with_one_audit_entry()
    {
        var client = await factory.SignedInAsync(AdminEmail);
        var created = await ServiceReviewWebFactory.PostFormAsync(client, "/People/Create", "/People/Create",
            Person("周编辑", "zhou.edit@example.org", [Roles.Inspector], "TechnicalStaff", 3));
        var id = IdFromLocation(created);
        var version = await factory.PersonStampAsync(id);

        var response = await ServiceReviewWebFactory.PostFormAsync(client, $"/People/Edit/{Id(id)}", $"/People/Edit/{Id(id)}",
            Person("周改名", "zhou.renamed@example.org", [Roles.Manager], null, null, version: version));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var person = await factory.PersonByEmailAsync("zhou.renamed@example.org");
        Assert.Equal("周改名", person!.DisplayName);
        Assert.Null(person.InspectorProfile);
        var (user, roles) = await factory.AccountAsync("zhou.renamed@example.org");
        Assert.Equal("zhou.renamed@example.org", user!.UserName);
        Assert.Equal([Roles.Manager], roles);
        var audit = await factory.AuditOfAsync("Person", id);
        Assert.Equal(["Created", "Updated"], audit.Select(a => a.Action));
        Assert.Contains("周编辑", audit[1].OldValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_built_before_someone_else_saved_gets_the_conflict_message_and_changes_nothing()
    {
        var client = await factory.SignedInAsync(AdminEmail);
        var created = await ServiceReviewWebFactory.PostFormAsync(client, "/People/Create", "/People/Create",
            Person("吴并发", "wu.conflict@example.org", [Roles.Inspector], "TechnicalStaff", 3));
        var id = IdFromLocation(created);
        var stale = await factory.PersonStampAsync(id);
        await ServiceReviewWebFactory.PostFormAsync(client, $"/People/Edit/{Id(id)}", $"/People/Edit/{Id(id)}",
            Person("吴第一", "wu.conflict@example.org", [Roles.Inspector], "TechnicalStaff", 4, version: stale));

        var response = await ServiceReviewWebFactory.PostFormAsync(client, $"/People/Edit/{Id(id)}", $"/People/Edit/{Id(id)}",
            Person("吴第二", "wu.conflict@example.org", [Roles.Inspector], "TechnicalStaff", 5, version: stale));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("alert-danger", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("吴第一", (await factory.PersonByEmailAsync("wu.conflict@example.org"))!.DisplayName);
        Assert.Equal(2, (await factory.AuditOfAsync("Person", id)).Count);
    }

    [Fact]
    public async Task A_disabled_person_keeps_their_history_cannot_sign_in_and_a_second_click_changes_nothing()
    {
        var client = await factory.SignedInAsync(AdminEmail);
        var id = await factory.PersonIdAsync("inspector5@demo.local");
        var inspections = await factory.WithDbAsync(db => db.Inspections.CountAsync(i => i.InspectorId == id));
        var version = await factory.PersonStampAsync(id);

        var response = await ServiceReviewWebFactory.PostFormAsync(client, $"/People/Edit/{Id(id)}", $"/People/Disable/{Id(id)}", [new("concurrencyStamp", version.ToString())]);
        var again = await ServiceReviewWebFactory.PostFormAsync(client, $"/People/Edit/{Id(id)}", $"/People/Disable/{Id(id)}", [new("concurrencyStamp", version.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches(Texts.ZhPattern("Admin.People.AlreadyDisabled"), await ServiceReviewWebFactory.FollowRedirectAsync(client, again));
        Assert.False((await factory.PersonByEmailAsync("inspector5@demo.local"))!.IsActive);
        Assert.True((await factory.AccountAsync("inspector5@demo.local")).User!.IsDisabled);
        Assert.Equal(inspections, await factory.WithDbAsync(db => db.Inspections.CountAsync(i => i.InspectorId == id)));
        Assert.Equal("Disabled", Assert.Single(await factory.AuditOfAsync("Person", id)).Action);
        var signIn = await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), "inspector5@demo.local", ServiceReviewWebFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);

        var newVersion = await factory.PersonStampAsync(id);
        await ServiceReviewWebFactory.PostFormAsync(client, $"/People/Edit/{Id(id)}", $"/People/Enable/{Id(id)}", [new("concurrencyStamp", newVersion.ToString())]);
        Assert.True((await factory.PersonByEmailAsync("inspector5@demo.local"))!.IsActive);
        Assert.Equal(HttpStatusCode.Redirect, (await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), "inspector5@demo.local", ServiceReviewWebFactory.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_cannot_disable_themselves_or_drop_their_own_admin_role()
    {
        var client = await factory.SignedInAsync(AdminEmail);
        var id = await factory.PersonIdAsync(AdminEmail);
        var version = await factory.PersonStampAsync(id);

        var disable = await ServiceReviewWebFactory.PostFormAsync(client, "/People", $"/People/Disable/{Id(id)}", [new("concurrencyStamp", version.ToString())]);
        var disabledPage = await ServiceReviewWebFactory.FollowRedirectAsync(client, disable);
        var demote = await ServiceReviewWebFactory.PostFormAsync(client, "/People", $"/People/Edit/{Id(id)}",
            Person(await factory.NameOfAsync(AdminEmail), AdminEmail, [Roles.Manager], version: version));

        Assert.Matches(Texts.ZhPattern("Admin.People.CannotDisableSelf"), disabledPage);
        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        Assert.Contains(Roles.Admin, (await factory.AccountAsync(AdminEmail)).Roles);
        Assert.True((await factory.PersonByEmailAsync(AdminEmail))!.IsActive);
    }

    [Fact]
    public async Task Resetting_a_password_shows_a_new_one_time_password_and_the_old_password_stops_working()
    {
        var client = await factory.SignedInAsync(AdminEmail);
        await factory.CreateUserAsync("reset.me@example.org", "Reset-Old-Password-2026", Roles.Inspector);
        var created = await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.FirstAsync(u => u.Email == "reset.me@example.org");
            var person = new Person("郑重置", "reset.me@example.org", user.Id);
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });

        var response = await ServiceReviewWebFactory.PostFormAsync(client, "/People", $"/People/ResetPassword/{Id(created)}", []);

        var password = ServiceReviewWebFactory.OneTimePasswordOf(await ServiceReviewWebFactory.FollowRedirectAsync(client, response));
        Assert.NotNull(password);
        Assert.Equal(HttpStatusCode.OK, (await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), "reset.me@example.org", "Reset-Old-Password-2026")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), "reset.me@example.org", password)).StatusCode);
        Assert.Equal("PasswordReset", Assert.Single(await factory.AuditOfAsync("Person", created)).Action);
    }

    [Fact]
    public async Task The_list_finds_people_by_name_or_email_and_shows_roles_and_inspector_type()
    {
        var client = await factory.SignedInAsync(AdminEmail);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/People?q=inspector2"));

        Assert.Contains("inspector2@demo.local", html, StringComparison.Ordinal);
        Assert.DoesNotContain("inspector3@demo.local", html, StringComparison.Ordinal);
        Assert.Contains(Texts.Zh("Analytics.Inspector"), html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/People/Edit/999999")]
    [InlineData("POST", "/People/Edit/999999")]
    [InlineData("POST", "/People/Disable/999999")]
    [InlineData("POST", "/People/ResetPassword/999999")]
    public async Task An_unknown_person_is_not_found(string method, string path)
    {
        var client = await factory.SignedInAsync(AdminEmail);

        var response = method == "GET"
            ? await client.GetAsync(path)
            : await ServiceReviewWebFactory.PostFormAsync(client, "/People", path, Person("无人", "nobody.here@example.org", []));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
