namespace ServiceReview.Web.Features.Attachments;

public static class AttachmentsServiceCollectionExtensions
{
    /// <summary>Evidence files: checking, storing and serving them (issue #14).</summary>
    public static IServiceCollection AddAttachmentFiles(this IServiceCollection services)
    {
        // A served file gets its own header policy instead of the pages' (Startup/SecurityHeaders): nothing may run in it.
        services.AddSecurityHeaderPolicies(b => b.AddPolicy(AttachmentsController.HeaderPolicy, p => p
            .AddFrameOptionsDeny()
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicySameOrigin()
            .RemoveServerHeader()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().None();
                csp.AddSandbox();
            })));
        return services
            .AddScoped<AttachmentService>();
    }
}
