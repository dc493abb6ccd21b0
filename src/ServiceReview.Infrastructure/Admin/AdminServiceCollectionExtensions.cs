using Microsoft.Extensions.DependencyInjection;

namespace ServiceReview.Infrastructure.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>Administration: people, projects, teams and the organisation workbook.</summary>
    public static IServiceCollection AddAdministration(this IServiceCollection services) =>
        services
            .AddScoped<PeopleAdminService>()
            .AddScoped<ProjectsAdminService>()
            .AddScoped<TeamsAdminService>()
            .AddScoped<OrganisationImporter>();
}
