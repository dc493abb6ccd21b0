using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Web.Features.Administration;
using ServiceReview.Web.Tests.Infrastructure;
using static ServiceReview.Web.Tests.Admin.AdminTestData;

namespace ServiceReview.Web.Tests.Security;

/// <summary>
/// Issue #12 item 5 (OWASP ASVS 5.0 §6.2): 12 to 128 characters, no composition rules, not a common password, not the
/// e-mail's local part, wherever a password is set. create-admin is in The_create_admin_command.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Password_rules(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Theory]
    [InlineData("admin@demo.local", "Demo-Password-2026")]
    [InlineData("anyone@example.org", "alllowercaseletters")]
    [InlineData("anyone@example.org", "correct horse battery staple")]
    [InlineData("anyone@example.org", "123412341234x")]
    [InlineData("li@example.org", "li-has-a-short-name-2026")]
    public async Task Accepts_long_passwords_without_composition_rules(string email, string password) =>
        Assert.Empty(await ErrorsAsync(email, password));

    [Theory]
    [InlineData("anyone@example.org", "Short-2026", "PasswordTooShort")]
    [InlineData("anyone@example.org", "Password12345", "PasswordTooCommon")]
    [InlineData("anyone@example.org", "PASSWORD12345!!", "PasswordTooCommon")]
    [InlineData("anyone@example.org", "iloveyou1234567", "PasswordTooCommon")]
    [InlineData("anyone@example.org", "1qaz2wsx3edc", "PasswordTooCommon")]
    [InlineData("wang.fang@example.org", "my-Wang.Fang-secret", "PasswordContainsEmail")]
    [InlineData("zhangwei@example.org", "ZHANGWEI-is-my-name", "PasswordContainsEmail")]
    public async Task Refuses_short_common_and_own_name_passwords(string email, string password, string code) =>
        Assert.Contains(code, await ErrorsAsync(email, password));

    [Fact]
    public async Task Allows_128_characters_and_refuses_129()
    {
        Assert.Empty(await ErrorsAsync("anyone@example.org", new string('x', 100) + "-long-pass-phrase-2026".PadRight(28, 'y')));
        Assert.Contains("PasswordTooLong", await ErrorsAsync("anyone@example.org", new string('x', 107) + "-long-pass-phrase-2026"));
    }

    [Fact]
    public void Refuses_case_insensitively_and_after_trailing_digits_and_symbols()
    {
        Assert.True(PasswordPolicyValidator.IsCommon("Password12345"));
        Assert.True(PasswordPolicyValidator.IsCommon("BaseBall"));
        Assert.True(PasswordPolicyValidator.IsCommon("sunshine2026!?"));
        Assert.False(PasswordPolicyValidator.IsCommon("Demo-Password-2026"));
        Assert.False(PasswordPolicyValidator.IsCommon("2026sunshine-x"));
    }

    [Fact]
    public async Task One_time_passwords_always_pass_the_rules()
    {
        string[] emails = ["ann@example.org", "bob.smith@example.org", "x@example.org", "abcd@example.org"];
        foreach (var email in emails)
        {
            for (var i = 0; i < 300; i++)
            {
                var password = OneTimePassword.New(email);
                Assert.Empty(await ErrorsAsync(email, password));
            }
        }
    }

    [Fact]
    public async Task The_person_form_refuses_a_common_password_set_by_the_administrator_and_says_why()
    {
        var admin = await factory.SignedInAsync(AdminEmail);

        var response = await ServiceReviewWebFactory.PostFormAsync(admin, "/People/Create", "/People/Create",
            Person("常见密码", "common.pw@example.org", [Roles.Inspector], password: "Password12345"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(Texts.ZhPattern("Auth.Password.PasswordTooCommon"), WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Null(await factory.PersonByEmailAsync("common.pw@example.org"));
    }

    [Fact]
    public async Task Change_password_refuses_a_common_password_and_one_with_the_own_name()
    {
        await factory.CreateUserAsync("chen.pw@example.org", "Right-Password-2026", Roles.Inspector);
        var user = await factory.SignedInWithAsync("chen.pw@example.org", "Right-Password-2026");

        var common = await ChangeAsync(user, "Right-Password-2026", "Password12345");
        var ownName = await ChangeAsync(user, "Right-Password-2026", "Chen.PW-forever-2026");

        Assert.Matches(Texts.ZhPattern("Auth.Password.PasswordTooCommon"), common);
        Assert.Matches(Texts.ZhPattern("Auth.Password.PasswordContainsEmail"), ownName);
        Assert.Equal(HttpStatusCode.Redirect, (await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), "chen.pw@example.org", "Right-Password-2026")).StatusCode);
    }

    [Fact]
    public async Task The_rule_texts_are_localised_in_English_too()
    {
        await factory.CreateUserAsync("english.pw@example.org", "Right-Password-2026", Roles.Inspector);
        var user = await factory.SignedInWithAsync("english.pw@example.org", "Right-Password-2026");
        user.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        var html = await ChangeAsync(user, "Right-Password-2026", "Password12345");

        Assert.Contains("This password is one of the most common passwords", html, StringComparison.Ordinal);
    }

    private static async Task<string> ChangeAsync(HttpClient client, string current, string next)
    {
        var response = await ServiceReviewWebFactory.PostFormAsync(client, "/Account/ChangePassword", "/Account/ChangePassword",
        [
            new("CurrentPassword", current), new("NewPassword", next), new("ConfirmPassword", next),
        ]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private async Task<List<string>> ErrorsAsync(string email, string password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email };
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(e => e.Code));
        }

        return errors;
    }
}
