using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceReview.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>The DbContext for <c>Database:Provider</c> and <c>ConnectionStrings:ServiceReview</c>.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration) =>
        services.AddServiceReviewDbContext(DependencyInjection.ReadProvider(configuration), configuration.GetConnectionString(DependencyInjection.ConnectionStringName));
}
