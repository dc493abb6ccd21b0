using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Email;

/// <summary>The app with e-mail on, sending to a <see cref="TestSmtpServer"/>; the dispatcher runs only when a test says so.</summary>
public sealed class EmailFixture : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://review.example.test/";
    public const string Password = "S3cret-never-shown";
    public const int MaxAttempts = 3;

    public TestSmtpServer Smtp { get; } = new();

    public ServiceReviewWebFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Smtp.StartAsync();
        Factory = ServiceReviewWebFactory.WithSettings(new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:TimeoutSeconds"] = "5",
            // No user name, so MailKit does not sign in; the password is set only to prove the admin page never shows it.
            ["Email:Smtp:Password"] = Password,
            ["Email:From:Address"] = "noreply@example.test",
            ["Email:PublicBaseUrl"] = PublicBaseUrl,
            ["Email:Dispatch:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Dispatch:RetryDelaySeconds"] = "0",
            ["Email:Dispatch:BatchSize"] = "7",
        });
        await Factory.EnsureDemoDataAsync();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
