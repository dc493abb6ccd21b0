using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ServiceReview.Infrastructure.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>The <c>Email</c> options (validated at start-up), the outbox hook, the dispatcher and the pages' services.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddSingleton<EmailOutboxInterceptor>();
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        services.AddScoped<EmailDispatcher>();
        services.AddScoped<EmailAdminService>();
        services.AddScoped<EmailPreferences>();
        return services;
    }
}
