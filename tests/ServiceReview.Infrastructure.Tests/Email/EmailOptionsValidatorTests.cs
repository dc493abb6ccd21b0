using ServiceReview.Infrastructure.Email;

namespace ServiceReview.Infrastructure.Tests.Email;

public sealed class EmailOptionsValidatorTests
{
    private static EmailOptions Valid() => new()
    {
        Smtp = { Host = "smtp.example.org", Port = 587 },
        From = { Address = "noreply@example.org" },
        PublicBaseUrl = "https://review.example.org/",
    };

    private static List<string> Errors(EmailOptions options) =>
        new EmailOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Without_a_host_email_is_off_and_nothing_else_is_checked() =>
        Assert.Empty(Errors(new EmailOptions { Smtp = { Port = -1 }, PublicBaseUrl = "not a url" }));

    [Fact]
    public void A_complete_configuration_is_accepted() => Assert.Empty(Errors(Valid()));

    [Fact]
    public void A_host_without_a_sender_or_public_address_says_which_settings_to_add()
    {
        var options = Valid();
        options.From.Address = null;
        options.PublicBaseUrl = null;

        var errors = Errors(options);

        Assert.Contains(errors, e => e.StartsWith("Email:From:Address is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Email:PublicBaseUrl must be", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("review.example.org")]
    [InlineData("/relative")]
    [InlineData("ftp://review.example.org/")]
    public void Links_need_an_absolute_http_address(string url)
    {
        var options = Valid();
        options.PublicBaseUrl = url;

        Assert.Contains(Errors(options), e => e.StartsWith("Email:PublicBaseUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void A_user_name_without_a_password_a_bad_port_and_a_bad_sender_are_each_named()
    {
        var options = Valid();
        options.Smtp.UserName = "mailer";
        options.Smtp.Port = 70000;
        options.From.Address = "not an address";
        options.Dispatch.MaxAttempts = 0;
        options.Dispatch.KeepSentDays = -1;

        var errors = Errors(options);

        Assert.Contains(errors, e => e.StartsWith("Email:Smtp:Password is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Email:Smtp:Port", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Email:From:Address 'not an address'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Email:Dispatch:MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Email:Dispatch:KeepSentDays", StringComparison.Ordinal));
    }

    [Fact]
    public void Absolute_links_join_the_public_address_and_the_local_link_with_one_slash()
    {
        var options = Valid();
        options.PublicBaseUrl = "https://review.example.org/app/";

        Assert.Equal("https://review.example.org/app/Inspections/Fill/5", options.AbsoluteUrl("/Inspections/Fill/5"));
    }
}
