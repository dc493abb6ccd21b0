using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;
using ServiceReview.Core.Scoring;
using ServiceReview.Web.Localisation;

namespace ServiceReview.Web.Features.Inspections;

/// <summary>
/// Words for a refused indicator input. The scoring rules' own refusals have texts of this feature
/// (<c>Inspections.Input.{Code}</c>, same arguments as the exception); anything else goes through
/// <see cref="DomainErrorLocalizer"/>.
/// </summary>
public sealed class InputErrorMessages(IStringLocalizer<SharedResource> localizer, DomainErrorLocalizer domainErrors)
{
    public string Localize(DomainException error)
    {
        var text = localizer["Inspections.Input." + error.Code, error.Arguments.Select(Plain).ToArray()];
        return text.ResourceNotFound ? domainErrors.Localize(error) : text.Value;
    }

    /// <summary>A refusal of <see cref="ScoringEngine.Check(Core.Plans.Indicator, IndicatorInput)"/>, in the same words as the exception it stands for.</summary>
    public string Localize(InputRefusal refusal)
    {
        var text = localizer["Inspections.Input." + refusal.Code, refusal.Arguments.Select(Plain).ToArray()];
        return text.ResourceNotFound ? domainErrors.Localize(refusal.ToException()) : text.Value;
    }

    /// <summary>A refused input of a use case's outcome (its key <c>Error.{Code}</c>), in the same words as <see cref="Localize(InputRefusal)"/>.</summary>
    public string Localize(OutcomeError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var code = error.DomainCode ?? error.Key;
        var text = localizer["Inspections.Input." + code, error.Arguments.Select(Plain).ToArray()];
        return text.ResourceNotFound ? domainErrors.Localize(new DomainException(code, error.Key, [.. error.Arguments])) : text.Value;
    }

    // Decimals read back from a decimal column carry its scale (100.0000): show them as typed (100).
    private static object Plain(object? argument) => argument switch
    {
        null => "",
        decimal d => d / 1.000000000000000000000000000000000m,
        _ => argument,
    };

    public string this[string key, params object[] arguments] => localizer[key, arguments];
}
