using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceReview.Infrastructure.Uploads;

public static class UploadsServiceCollectionExtensions
{
    /// <summary>The caps on uploaded files (<c>Uploads</c>, ADR 0018).</summary>
    public static IServiceCollection AddUploads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.Section));
        return services;
    }
}
