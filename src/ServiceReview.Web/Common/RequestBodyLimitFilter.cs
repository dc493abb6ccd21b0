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
/// Refuses a request body over the action's <c>[RequestSizeLimit]</c> / <c>[RequestFormLimits]</c> (or the server's
/// limit) with 413 before the antiforgery check and model binding read it — they would otherwise fail on it and answer
/// 400, 500 or a form saying "no file". A body with a Content-Length over the limit is refused unread; a form sent
/// without a length (chunked) is read here, under the limits, and refused when it passes them. API calls get a problem
/// body (<c>Uploads.Refused.RequestSize</c>); pages a 413 page naming the limit.
/// </summary>
public sealed class RequestBodyLimitFilter : IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>After [Authorize] (0) and after [RequestSizeLimit]/[RequestFormLimits] (900) set the limits; before antiforgery (1000).</summary>
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        var metadata = context.ActionDescriptor.EndpointMetadata;

        // The action's own limit wins, including "none" ([DisableRequestSizeLimit]); else the server's.
        var declared = metadata.OfType<IRequestSizeLimitMetadata>().LastOrDefault();
        var limit = declared is not null ? declared.MaxRequestBodySize : context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (request.HasFormContentType && metadata.OfType<IFormOptionsMetadata>().LastOrDefault()?.MultipartBodyLengthLimit is { } form)
        {
            limit = limit is null ? form : Math.Min(limit.Value, form);
        }

        if (limit is not { } max)
        {
            return;
        }

        if (request.ContentLength is { } length)
        {
            if (length > max)
            {
                Refuse(context, max);
            }

            return;
        }

        if (!request.HasFormContentType)
        {
            return;
        }

        try
        {
            // Buffered by the form reader (to disk past 64 KiB) and kept for binding; Kestrel stops at its limit.
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Refuse(context, max);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            Refuse(context, max);
        }
    }

    private static void Refuse(AuthorizationFilterContext context, long max)
    {
        var refusal = UploadRefusedException.TooLarge("RequestSize", max, bytes: true, "The request is");
        var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (ApiAwareCookieEvents.IsApiRequest(context.HttpContext.Request))
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
