using Microsoft.Extensions.Options;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Email;

public sealed class Email_configuration_at_start_up
{
    [Fact]
    public void A_host_without_a_sender_or_public_address_stops_the_app_with_a_message_naming_the_settings()
    {
        using var factory = ServiceReviewWebFactory.WithSettings(new Dictionary<string, string?> { ["Email:Smtp:Host"] = "smtp.example.org" });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Email:From:Address is required", error.Message);
        Assert.Contains("Email:PublicBaseUrl", error.Message);
    }
}
