using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using ServiceReview.Infrastructure.Uploads;

namespace ServiceReview.Web.Common;

/// <summary>
/// How a refused upload is answered, in one place: 413 when a size cap was hit, 415 for an evidence file of a type not accepted, 422 for a file of the wrong kind or a
/// damaged one (decided by content; the import endpoints already answer 422 for files they cannot read). Pages show the
/// translated message (<c>Uploads.Refused.{Code}</c>, naming the limit) on the form; JSON gets a problem-details body.
/// </summary>
public static class UploadRefusals
{
    public const string KeyPrefix = "Uploads.Refused.";

    public static int StatusOf(UploadRefusedException refusal) => refusal.Refusal switch
    {
        UploadRefusal.TooLarge => StatusCodes.Status413PayloadTooLarge,
        UploadRefusal.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static string Message(IStringLocalizer localizer, string code, string? limit)
    {
        var message = localizer[KeyPrefix + code, limit ?? ""];
        return message.ResourceNotFound ? code : message.Value;
    }

    /// <summary>Puts the message on the form and sets the response's status; the caller shows the form again.</summary>
    public static void AddTo(ModelStateDictionary modelState, HttpResponse response, IStringLocalizer localizer, UploadRefusedException refusal, string key = "file")
    {
        modelState.AddModelError(key, Message(localizer, refusal.Code, refusal.Limit));
        response.StatusCode = StatusOf(refusal);
    }

    /// <summary>
    /// A problem-details body: <c>title</c> translated for the request's culture, <c>detail</c> in English, <c>code</c>
    /// (the resource key), <c>limit</c>, and any <paramref name="extensions"/> (the background import's URL).
    /// </summary>
    public static ObjectResult Problem(IStringLocalizer localizer, UploadRefusedException refusal, IDictionary<string, object?>? extensions = null)
    {
        var status = StatusOf(refusal);
        var problem = new ProblemDetails
        {
            Status = status,
            Title = Message(localizer, refusal.Code, refusal.Limit),
            Detail = refusal.Message,
            Type = status switch
            {
                StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
                StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
                _ => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
            },
        };
        problem.Extensions["code"] = KeyPrefix + refusal.Code;
        problem.Extensions["limit"] = refusal.Limit;
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }
}
