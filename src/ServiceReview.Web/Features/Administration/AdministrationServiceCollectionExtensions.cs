using ServiceReview.Web.Features.Administration.Audit;
using ServiceReview.Web.Features.Administration.Email;
using ServiceReview.Web.Features.Administration.People;
using ServiceReview.Web.Features.Administration.Projects;
using ServiceReview.Web.Features.Administration.Teams;

namespace ServiceReview.Web.Features.Administration;

public static class AdministrationServiceCollectionExtensions
{
    /// <summary>People, projects, teams, the organisation import, the audit log and the e-mail pages.</summary>
    public static IServiceCollection AddAdministration(this IServiceCollection services) =>
        services
            .AddScoped<PeopleAdminService>()
            .AddScoped<ProjectsAdminService>()
            .AddScoped<TeamsAdminService>()
            .AddScoped<OrganisationImporter>()
            .AddScoped<AuditLogService>()
            .AddScoped<EmailAdminService>()
            .AddScoped<EmailPreferences>();
}
