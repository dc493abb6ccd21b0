using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;

namespace ServiceReview.Web.Localisation;

/// <summary>
/// Turns a <see cref="DomainException"/> into a message in the user's language: the resource
/// <c>Error.{Code}</c> of <see cref="SharedResource"/>, its placeholders ({0}, {1}, ...) filled with
/// <see cref="DomainException.Arguments"/> in the current culture; without such a resource, the
/// exception's own (English) message.
/// </summary>
public sealed class DomainErrorLocalizer(IStringLocalizer<SharedResource> localizer)
{
    public const string KeyPrefix = "Error.";

    public string Localize(DomainException exception)
    {
        var resource = localizer[KeyPrefix + exception.Code];
        if (resource.ResourceNotFound)
        {
            return exception.Message;
        }

        try
        {
            return string.Format(CultureInfo.CurrentCulture, resource.Value, exception.Arguments.ToArray());
        }
        catch (FormatException)
        {
            // A translation that asks for more arguments than the code supplies is a bug in the resource file;
            // the user still gets a sentence rather than an error page.
            return resource.Value;
        }
    }

    /// <summary>Adds the localised message to <paramref name="modelState"/>, so that the form shows it with what the user typed.</summary>
    public void AddTo(ModelStateDictionary modelState, DomainException exception, string key = "") =>
        modelState.AddModelError(key, Localize(exception));
}
