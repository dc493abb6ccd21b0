using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ServiceReview.Web.Startup;

/// <summary>
/// Security headers on every response (pages, JSON, static files, error pages), set by NetEscapades'
/// middleware as the response starts. See docs/security.md, "Headers, proxy and error pages".
/// </summary>
public static class SecurityHeaders
{
    /// <summary>No <c>Server: Kestrel</c> banner.</summary>
    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);

    /// <summary>
    /// Goes first in the pipeline (after forwarded headers), so that static files, the exception handler's page
    /// and the re-executed status pages get the headers too.
    /// </summary>
    public static IApplicationBuilder UseServiceReviewSecurityHeaders(this WebApplication app) =>
        app.UseSecurityHeaders(Policies());

    public static HeaderPolicyCollection Policies() => new HeaderPolicyCollection()
        .AddFrameOptionsDeny()
        .AddContentTypeOptionsNoSniff()
        .AddReferrerPolicySameOrigin()
        .RemoveServerHeader()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();

            // Scripts only from our own files: no inline <script>, no on...= attributes, no eval.
            // Data islands (<script type="application/json">) are not executed, so CSP leaves them alone.
            csp.AddScriptSrc().Self();

            // Views still carry style="" attributes (widths of bars, hidden helpers) and Bootstrap sets styles
            // from script; inline styles cannot run code, so they stay allowed.
            csp.AddStyleSrc().Self().UnsafeInline();

            // Bootstrap's CSS draws its icons (select arrow, check mark, navbar toggler) as data: SVGs;
            // Chart.js draws on <canvas> and needs no image source.
            csp.AddImgSrc().Self().Data();
            csp.AddFontSrc().Self();
            csp.AddConnectSrc().Self();
            csp.AddObjectSrc().None();
            csp.AddFrameAncestors().None();
            csp.AddBaseUri().Self();
            csp.AddFormAction().Self();
        });
}
