using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Startup;

public static class WebApplicationExtensions
{
    /// <summary>The middleware pipeline, in order.</summary>
    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        // First, so that everything after sees the client's scheme and address (from trusted proxies only).
        app.UseForwardedHeaders();
        app.UseServiceReviewSecurityHeaders();

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        // Friendly pages for 404 and other empty error responses; JSON calls keep their status and body.
        app.UseWhen(
            context => !ApiAwareCookieEvents.IsApiRequest(context.Request),
            branch => branch.UseStatusCodePagesWithReExecute("/Error/{0}"));
        app.UseMiddleware<MalformedRequests>();

        // Static files come before authentication: CSS and scripts serve the login page too.
        app.UseStaticFiles();
        app.UseRequestLocalization(app.Services.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value);
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapWebEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions()).AllowAnonymous();
        app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
        app.MapRazorPages();
        return app;
    }
}
