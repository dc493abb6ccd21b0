using Microsoft.Extensions.Options;

namespace ServiceReview.Infrastructure.Email;

/// <summary>How the connection to the SMTP server is secured (MailKit's SecureSocketOptions).</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>
/// Settings under <c>Email</c>. E-mail is on only when <c>Email:Smtp:Host</c> is set; without it nothing is queued
/// and the app behaves as with in-app notifications only.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public SmtpSettings Smtp { get; set; } = new();

    public FromSettings From { get; set; } = new();

    /// <summary>The address users open the app at (https://review.example.org/): links in e-mails are made absolute with it.</summary>
    public string? PublicBaseUrl { get; set; }

    public DispatchSettings Dispatch { get; set; } = new();

    public bool Enabled => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>A local link ("/Inspections/Fill/5") as an absolute URL on <see cref="PublicBaseUrl"/>.</summary>
    public string AbsoluteUrl(string localLink) =>
        (PublicBaseUrl ?? "").TrimEnd('/') + "/" + localLink.TrimStart('/');

    public sealed class SmtpSettings
    {
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

        /// <summary>Sign in to the server when set (with <see cref="Password"/>).</summary>
        public string? UserName { get; set; }

        /// <summary>Never shown or logged. Put it in a secret store or an environment variable (Email__Smtp__Password).</summary>
        public string? Password { get; set; }

        /// <summary>Connect and send timeout of one attempt.</summary>
        public int TimeoutSeconds { get; set; } = 30;
    }

    public sealed class FromSettings
    {
        public string? Address { get; set; }

        public string Name { get; set; } = "服务考评 ServiceReview";
    }

    public sealed class DispatchSettings
    {
        /// <summary>Off in the Testing environment: tests run the dispatcher themselves.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>How often the outbox is looked at.</summary>
        public int IntervalSeconds { get; set; } = 30;

        /// <summary>Attempts before an e-mail is marked failed.</summary>
        public int MaxAttempts { get; set; } = 5;

        /// <summary>The wait after the first failure; doubled after each further one, at most an hour.</summary>
        public int RetryDelaySeconds { get; set; } = 60;

        /// <summary>E-mails one dispatcher claims at a time.</summary>
        public int BatchSize { get; set; } = 20;

        /// <summary>Sent e-mails are deleted after this many days (0 keeps them for ever); failed ones stay for the admin page.</summary>
        public int KeepSentDays { get; set; } = 90;
    }
}

/// <summary>Checks the <c>Email</c> section at start-up, so a mistake stops the app with a message saying what to fix.</summary>
public sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        var smtp = options.Smtp;
        if (smtp.Port is < 1 or > 65535)
        {
            errors.Add($"Email:Smtp:Port must be between 1 and 65535 (it is {smtp.Port}).");
        }

        if (!string.IsNullOrWhiteSpace(smtp.UserName) && string.IsNullOrEmpty(smtp.Password))
        {
            errors.Add("Email:Smtp:Password is required when Email:Smtp:UserName is set.");
        }

        if (smtp.TimeoutSeconds is < 1 or > 600)
        {
            errors.Add("Email:Smtp:TimeoutSeconds must be between 1 and 600.");
        }

        if (string.IsNullOrWhiteSpace(options.From.Address))
        {
            errors.Add("Email:From:Address is required when Email:Smtp:Host is set (e-mail is on). Leave Email:Smtp:Host empty to turn e-mail off.");
        }
        else if (!MimeKit.MailboxAddress.TryParse(options.From.Address, out var from) || from.Address != options.From.Address.Trim())
        {
            errors.Add($"Email:From:Address '{options.From.Address}' is not an e-mail address.");
        }

        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("Email:PublicBaseUrl must be the absolute http(s) address users open the app at (e.g. https://review.example.org/): e-mails link to it.");
        }

        var dispatch = options.Dispatch;
        if (dispatch.IntervalSeconds is < 1 or > 86400)
        {
            errors.Add("Email:Dispatch:IntervalSeconds must be between 1 and 86400.");
        }

        if (dispatch.MaxAttempts is < 1 or > 100)
        {
            errors.Add("Email:Dispatch:MaxAttempts must be between 1 and 100.");
        }

        if (dispatch.RetryDelaySeconds is < 0 or > 86400)
        {
            errors.Add("Email:Dispatch:RetryDelaySeconds must be between 0 and 86400.");
        }

        if (dispatch.BatchSize is < 1 or > 500)
        {
            errors.Add("Email:Dispatch:BatchSize must be between 1 and 500.");
        }

        if (dispatch.KeepSentDays is < 0 or > 3650)
        {
            errors.Add("Email:Dispatch:KeepSentDays must be between 0 (keep for ever) and 3650.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
