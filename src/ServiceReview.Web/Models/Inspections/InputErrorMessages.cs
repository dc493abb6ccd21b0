using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;
using ServiceReview.Web.Localisation;

namespace ServiceReview.Web.Models.Inspections;

/// <summary>
/// Words for a refused indicator input. The scoring rules' own refusals have texts of this feature
/// (<c>Inspections.Input.{Code}</c>, same arguments as the exception); anything else goes through
/// <see cref="DomainErrorLocalizer"/>.
/// </summary>
public sealed class InputErrorMessages(IStringLocalizer<SharedResource> localizer, DomainErrorLocalizer domainErrors)
{
    public string Localize(DomainException error)
    {
        var text = localizer["Inspections.Input." + error.Code, error.Arguments.Select(a => a ?? "").ToArray()];
        return text.ResourceNotFound ? domainErrors.Localize(error) : text.Value;
    }

    public string this[string key, params object[] arguments] => localizer[key, arguments];
}
