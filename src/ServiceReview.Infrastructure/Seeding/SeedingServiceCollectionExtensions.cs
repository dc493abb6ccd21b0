using Microsoft.Extensions.DependencyInjection;

namespace ServiceReview.Infrastructure.Seeding;

public static class SeedingServiceCollectionExtensions
{
    /// <summary>Migrating the database at start-up and the demo data (<c>seed-demo</c> and the Development environment).</summary>
    public static IServiceCollection AddSeeding(this IServiceCollection services) =>
        services.AddScoped<IDatabaseInitializer, DatabaseInitializer>().AddScoped<DemoDataSeeder>();
}
