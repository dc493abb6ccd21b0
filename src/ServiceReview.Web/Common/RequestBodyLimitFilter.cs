using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;
using ServiceReview.Infrastructure.Uploads;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Common;

/// <summary>
/// Refuses a request whose declared body (Content-Length) is over the action's <c>[RequestSizeLimit]</c> /
/// <c>[RequestFormLimits]</c> (or the server's limit) with 413 before anything reads it — before the antiforgery check
/// and model binding, which would otherwise read the form, fail, and answer 400, 500 or a form saying "no file".
/// API calls get a problem body (<c>Uploads.Refused.RequestSize</c>); pages a 413 page naming the limit. A body sent without
/// a length is still cut off by Kestrel while it is read.
/// </summary>
public sealed class RequestBodyLimitFilter : IAuthorizationFilter, IOrderedFilter
{
    /// <summary>Before authorization and antiforgery: nothing about the request is read yet.</summary>
    public int Order => int.MinValue;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength is not { } length)
        {
            return;
        }

        var metadata = context.ActionDescriptor.EndpointMetadata;
        // The action's own limit wins, including "none" ([DisableRequestSizeLimit]); else the server's.
        var declared = metadata.OfType<IRequestSizeLimitMetadata>().LastOrDefault();
        var limit = declared is not null ? declared.MaxRequestBodySize : context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (request.HasFormContentType && metadata.OfType<IFormOptionsMetadata>().LastOrDefault()?.MultipartBodyLengthLimit is { } form)
        {
            limit = limit is null ? form : Math.Min(limit.Value, form);
        }

        if (limit is not { } max || length <= max)
        {
            return;
        }

        var refusal = UploadRefusedException.TooLarge("RequestSize", max, bytes: true, "The request is");
        var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (ApiAwareCookieEvents.IsApiRequest(request))
        {
            context.Result = UploadRefusals.Problem(localizer, refusal);
            return;
        }

        // A page of its own (with a body, so the status-code pages leave it alone) that says what the limit is.
        context.Result = new ViewResult
        {
            ViewName = "UploadTooLarge",
            StatusCode = StatusCodes.Status413PayloadTooLarge,
            ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), context.ModelState)
            {
                ["Code"] = UploadRefusals.KeyPrefix + refusal.Code,
                ["Message"] = UploadRefusals.Message(localizer, refusal.Code, refusal.Limit),
            },
        };
    }
}
