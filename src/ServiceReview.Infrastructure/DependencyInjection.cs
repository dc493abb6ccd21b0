using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServiceReview.Infrastructure.Attachments;
using ServiceReview.Infrastructure.Audit;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.DataProtection;
using ServiceReview.Infrastructure.Email;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Seeding;
using ServiceReview.Infrastructure.Uploads;

namespace ServiceReview.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "ServiceReview";
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/servicereview.db";

    /// <summary>
    /// Every area of Infrastructure, one <c>Add…</c> per area, each in its folder's
    /// <c>…ServiceCollectionExtensions.cs</c>: this method is the table of contents. The features' use cases register
    /// themselves in the web project (<c>AddFeatures</c>, ADR 0024).
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddOrganisationClock(configuration)
            .AddPersistence(configuration)
            .AddKeyRing()
            .AddSeeding()
            .AddAudit()
            .AddUserSessions(configuration)
            .AddEmail(configuration)
            .AddUploads(configuration)
            .AddAttachments(configuration);

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

        // Save hooks registered by the web project (the stored round results, ADR 0027).
        foreach (var interceptor in services.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.ISaveChangesInterceptor>())
        {
            options.AddInterceptors(interceptor);
        }

        // Command observers registered by the host (the tests' SQL command counter, issue #15).
        foreach (var interceptor in services.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IDbCommandInterceptor>())
        {
            options.AddInterceptors(interceptor);
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
