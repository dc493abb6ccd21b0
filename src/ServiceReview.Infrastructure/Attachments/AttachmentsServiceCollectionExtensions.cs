using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceReview.Infrastructure.Attachments;

public static class AttachmentsServiceCollectionExtensions
{
    /// <summary>The attachment store chosen by <c>Attachments:Storage</c> and the limits of evidence files (ADR 0026).</summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AttachmentOptions.Section);
        services.AddOptions<AttachmentOptions>().Bind(section);
        var storage = section.GetValue(nameof(AttachmentOptions.Storage), AttachmentStorage.Database);
        if (storage == AttachmentStorage.Folder)
        {
            services.AddSingleton<IAttachmentStore, FolderAttachmentStore>();
        }
        else
        {
            services.AddScoped<IAttachmentStore, DatabaseAttachmentStore>();
        }

        return services;
    }
}
