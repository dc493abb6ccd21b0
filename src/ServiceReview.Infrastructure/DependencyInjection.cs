using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServiceReview.Infrastructure.Analytics;
using ServiceReview.Infrastructure.Email;
using ServiceReview.Infrastructure.Exports;
using ServiceReview.Infrastructure.Inspections;
using ServiceReview.Infrastructure.Notifications;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Rounds;
using ServiceReview.Infrastructure.Seeding;
using ServiceReview.Infrastructure.ServiceRecords;

namespace ServiceReview.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "ServiceReview";
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/servicereview.db";

    /// <summary>Registers the DbContext for <c>Database:Provider</c> and <c>ConnectionStrings:ServiceReview</c>.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = ReadProvider(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        services.AddServiceReviewDbContext(provider, connectionString);
        services.TryAddSingleton(TimeProvider.System);
        // Local time for people (ADR 0022): Organisation:TimeZone, checked at start-up.
        services.AddOptions<Common.OrganisationOptions>().Bind(configuration.GetSection(Common.OrganisationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Common.OrganisationOptions>, Common.OrganisationOptionsValidator>();
        services.AddSingleton(sp => Core.Organisation.OrganisationClock.For(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<Common.OrganisationOptions>>().Value.TimeZone));
        services.AddScoped<IDatabaseInitializer, DatabaseInitializer>();
        services.AddScoped<DemoDataSeeder>();
        services.AddRounds();
        services.AddInspections();
        services.AddReviewJourney();
        services.AddNotifications();
        services.AddEmail(configuration);
        services.AddOptions<Uploads.UploadOptions>().Bind(configuration.GetSection(Uploads.UploadOptions.Section));
        services.AddServiceRecords(configuration);
        services.AddScoped<Plans.PlanService>();
        services.AddExports();
        services.AddAnalytics(configuration);
        // Server-side sessions (docs/decisions/0019-server-side-sessions.md): one row per sign-in, checked on every request.
        services.AddOptions<Identity.UserSessionOptions>().Bind(configuration.GetSection(Identity.UserSessionOptions.Section));
        services.AddScoped<Identity.UserSessions>();
        services.AddScoped<Admin.PeopleAdminService>();
        services.AddScoped<Admin.ProjectsAdminService>();
        services.AddScoped<Admin.TeamsAdminService>();
        services.AddScoped<Admin.OrganisationImporter>();
        services.AddScoped<Audit.AuditLogService>();
        return services;
    }

    public static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var text = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(text, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException(
                $"Database:Provider '{text}' is not known. Use Sqlite, SqlServer or PostgreSql.");
    }

    public static IServiceCollection AddServiceReviewDbContext(
        this IServiceCollection services, DatabaseProvider provider, string? connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<ServiceReviewDbContext, SqliteServiceReviewDbContext>((sp, o) =>
                    AddHooks(sp, DbContextOptionsFactory.Configure(o, provider, connectionString ?? DefaultSqliteConnectionString)));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<ServiceReviewDbContext, SqlServerServiceReviewDbContext>((sp, o) =>
                    AddHooks(sp, DbContextOptionsFactory.Configure(o, provider, Require(connectionString, provider))));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<ServiceReviewDbContext, PostgreSqlServiceReviewDbContext>((sp, o) =>
                    AddHooks(sp, DbContextOptionsFactory.Configure(o, provider, Require(connectionString, provider))));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }

        return services;
    }

    /// <summary>
    /// The e-mail outbox hook (ADR 0014), when registered: contexts made outside the app's container have none. In the
    /// Testing environment, query warnings that hide a slow query (a cartesian explosion of several collection
    /// includes) throw, so that no test passes over one.
    /// </summary>
    private static void AddHooks(IServiceProvider services, DbContextOptionsBuilder options)
    {
        if (services.GetService<Email.EmailOutboxInterceptor>() is { } outbox)
        {
            options.AddInterceptors(outbox);
        }

        if (services.GetService<IHostEnvironment>()?.IsEnvironment(TestingEnvironment) == true)
        {
            DbContextOptionsFactory.ThrowOnQueryWarnings(options);
        }
    }

    /// <summary>The name of the environment the automated tests run the app in.</summary>
    public const string TestingEnvironment = "Testing";

    private static string Require(string? connectionString, DatabaseProvider provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is required for the {provider} provider.")
            : connectionString;
}
