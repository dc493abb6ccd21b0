using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;
using ServiceReview.Core.Organisation;

namespace ServiceReview.Web.Common;

/// <summary>
/// The one place where a use case's <see cref="IOutcome"/> becomes an HTTP answer (ADR 0024), for pages and JSON alike:
/// not found → 404, forbidden → 403, conflict → the form again (or the page's status message) naming who saved and when
/// in the organisation's time (409 from an API), invalid → the form again with each error at its field (400 from an API
/// with the errors by field), ok → what the action says.
/// </summary>
public static class OutcomeAnswers
{
    /// <summary>
    /// A form post: ok → <paramref name="ok"/> (a redirect, after setting the status message); conflict or invalid →
    /// the errors in <see cref="ModelStateDictionary"/> under <paramref name="prefix"/> and <paramref name="form"/>
    /// (the form again, with what the user typed).
    /// </summary>
    public static IActionResult Answer(this Controller controller, IOutcome outcome, Func<IActionResult> ok, Func<IActionResult> form, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(ok);
        ArgumentNullException.ThrowIfNull(form);
        if (outcome.Status == OutcomeStatus.Ok)
        {
            return ok();
        }

        if (NotFoundOrForbidden(controller, outcome) is { } refused)
        {
            return refused;
        }

        foreach (var (field, message) in Messages(controller.HttpContext.RequestServices, outcome))
        {
            controller.ModelState.AddModelError(field.Length == 0 ? "" : prefix + field, message);
        }

        return form();
    }

    /// <summary>
    /// A button on a page (no form to show again): ok → <paramref name="ok"/>; conflict or invalid → the messages as the
    /// page's status message (danger) and <paramref name="back"/> (a redirect to the page).
    /// </summary>
    public static IActionResult Answer(this Controller controller, IOutcome outcome, Func<IActionResult> ok, Func<IActionResult> back, StatusKind refusedKind)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(ok);
        ArgumentNullException.ThrowIfNull(back);
        if (outcome.Status == OutcomeStatus.Ok)
        {
            return ok();
        }

        if (NotFoundOrForbidden(controller, outcome) is { } refused)
        {
            return refused;
        }

        controller.TempData.SetStatus(
            string.Join(" ", Messages(controller.HttpContext.RequestServices, outcome).Select(m => m.Message)), refusedKind);
        return back();
    }

    /// <summary>
    /// A JSON endpoint: ok → <paramref name="ok"/>; not found 404 and forbidden 403 as problem details; conflict 409 with
    /// <c>changedBy</c> and <c>changedAt</c>; invalid 400 validation problem details (errors by field, localised).
    /// </summary>
    public static IActionResult Answer(this ControllerBase controller, IOutcome outcome, Func<IActionResult> ok)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(ok);
        var services = controller.HttpContext.RequestServices;
        switch (outcome.Status)
        {
            case OutcomeStatus.Ok:
                return ok();
            case OutcomeStatus.NotFound:
                return controller.Problem(statusCode: StatusCodes.Status404NotFound);
            case OutcomeStatus.Forbidden:
                return controller.Problem(statusCode: StatusCodes.Status403Forbidden);
            case OutcomeStatus.Conflict:
                var conflict = new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = Messages(services, outcome).First().Message,
                    Extensions =
                    {
                        ["changedBy"] = outcome.ChangedBy,
                        ["changedAt"] = outcome.ChangedAtUtc is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null,
                    },
                };
                return new ObjectResult(conflict) { StatusCode = StatusCodes.Status409Conflict };
            default:
                var errors = Messages(services, outcome)
                    .GroupBy(m => m.Field, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(m => m.Message).ToArray(), StringComparer.Ordinal);
                return controller.ValidationProblem(new ValidationProblemDetails(errors));
        }
    }

    // A page answers an unknown record with the 404 page and someone else's with the 403 page.
    private static IActionResult? NotFoundOrForbidden(Controller controller, IOutcome outcome) => outcome.Status switch
    {
        OutcomeStatus.NotFound => controller.NotFound(),
        OutcomeStatus.Forbidden => controller.Forbid(),
        _ => null,
    };

    /// <summary>Each problem of a refused outcome as (field, message in the request's language).</summary>
    public static IEnumerable<(string Field, string Message)> Messages(IServiceProvider services, IOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(outcome);
        var localizer = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (outcome.Status == OutcomeStatus.Conflict)
        {
            var clock = services.GetRequiredService<OrganisationClock>();
            var at = outcome.ChangedAtUtc is { } utc ? clock.Show(utc) : "?";
            yield return ("", localizer[OutcomeError.DomainPrefix + "Concurrency.Conflict", outcome.ChangedBy ?? "?", at].Value);
            yield break;
        }

        foreach (var error in outcome.Errors)
        {
            var resource = localizer[error.Key];
            string message;
            try
            {
                message = resource.ResourceNotFound
                    ? error.Key
                    : string.Format(CultureInfo.CurrentCulture, resource.Value, [.. error.Arguments.Select(Shown)]);
            }
            catch (FormatException)
            {
                // A translation asking for more arguments than the error gives is a resource bug: still a sentence.
                message = resource.Value;
            }

            yield return (error.Field, message);
        }
    }

    // Stored decimals keep their scale (20.0000); people read 20.
    private static object? Shown(object? argument) =>
        argument is decimal d ? d.ToString("0.####", CultureInfo.CurrentCulture) : argument;
}
