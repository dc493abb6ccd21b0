namespace ServiceReview.Web.Features.Attachments;

public static class AttachmentsServiceCollectionExtensions
{
    /// <summary>Evidence files: checking, storing and serving them (issue #14).</summary>
    public static IServiceCollection AddAttachmentFiles(this IServiceCollection services) =>
        services
            .AddScoped<AttachmentService>();
}
