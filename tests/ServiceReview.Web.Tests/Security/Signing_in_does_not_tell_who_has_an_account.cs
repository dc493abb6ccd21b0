using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Security;

/// <summary>
/// Issue #12 item 4: an unknown address, a wrong password and a locked account get the same page, and each costs one
/// password-hash verification (the timings measured are in docs/security.md).
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed partial class Signing_in_does_not_tell_who_has_an_account(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task An_unknown_address_and_a_wrong_password_get_the_same_status_and_page()
    {
        await factory.CreateUserAsync("known@example.org", "Right-Password-2026", Roles.Inspector);

        var unknown = await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), "nobody-here@example.org", "Wrong-Password-2026");
        var wrong = await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), "known@example.org", "Wrong-Password-2026");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        Assert.Equal(Shape(await unknown.Content.ReadAsStringAsync(), "nobody-here@example.org"), Shape(await wrong.Content.ReadAsStringAsync(), "known@example.org"));
    }

    [Fact]
    public async Task A_locked_account_gets_the_same_page_as_an_unknown_address()
    {
        await factory.CreateUserAsync("locked.same@example.org", "Right-Password-2026", Roles.Inspector);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), "locked.same@example.org", "Wrong-Password-2026");
        }

        var locked = await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), "locked.same@example.org", "Right-Password-2026");
        var unknown = await ServiceReviewWebFactory.SignInAsync(factory.CreateBrowser(), "nobody-locked@example.org", "Right-Password-2026");

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(Shape(await unknown.Content.ReadAsStringAsync(), "nobody-locked@example.org"), Shape(await locked.Content.ReadAsStringAsync(), "locked.same@example.org"));
    }

    [Theory]
    [InlineData("nobody-hashed@example.org", false)]
    [InlineData("hashed.known@example.org", false)]
    [InlineData("hashed.locked@example.org", true)]
    public async Task Every_failed_attempt_verifies_one_password_hash(string email, bool locked)
    {
        if (email.StartsWith("hashed", StringComparison.Ordinal))
        {
            var user = await factory.CreateUserAsync(email, "Right-Password-2026", Roles.Inspector);
            if (locked)
            {
                await using var scope = factory.Services.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
                await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id))!, DateTimeOffset.UtcNow.AddMinutes(15));
            }
        }

        var hasher = new CountingHasher();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddScoped<IPasswordHasher<ApplicationUser>>(_ => hasher)));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await ServiceReviewWebFactory.SignInAsync(client, email, "Wrong-Password-2026");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, hasher.Verifications);
    }

    /// <summary>The page with what differs by nature taken out: the antiforgery token and the address typed.</summary>
    private static string Shape(string html, string email) =>
        TokenValue().Replace(html, "$1=\"(token)\"").Replace(email, "(email)", StringComparison.Ordinal);

    [GeneratedRegex("(value|content)=\"CfDJ8[^\"]*\"")]
    private static partial Regex TokenValue();

    private sealed class CountingHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> _real = new();
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(ApplicationUser user, string password) => _real.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
