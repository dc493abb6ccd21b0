using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Common;
using ServiceReview.Core.Plans;
using ServiceReview.Infrastructure.Excel;

namespace ServiceReview.Web.Localisation;

/// <summary>
/// Puts the messages of plan authoring into the user's language: plan rules (<c>Plan.*</c>, key <c>Error.{Code}</c>,
/// as <see cref="DomainErrorLocalizer"/> does) and this feature's own codes (<c>Plans.*</c>, which are resource keys
/// themselves: workbook import, parameter text, plan names). Without a key, the English message.
/// </summary>
public sealed class PlanMessages(IStringLocalizer<SharedResource> localizer)
{
    public string Problem(PlanProblem problem) => Format(problem.Code, problem.Arguments, problem.Message);

    public string Workbook(WorkbookError error) => Format(error.Code, error.Arguments, error.Message);

    public string Domain(DomainException exception) => Format(exception.Code, exception.Arguments, exception.Message);

    public string Format(string code, IReadOnlyList<object?> arguments, string fallback)
    {
        var key = code.StartsWith("Plans.", StringComparison.Ordinal) ? code : DomainErrorLocalizer.KeyPrefix + code;
        var resource = localizer[key];
        if (resource.ResourceNotFound)
        {
            return fallback;
        }

        try
        {
            // Stored decimals keep their scale (20.0000); people read 20.
            var values = arguments.Select(a => a is decimal d ? d.ToString("0.####", CultureInfo.CurrentCulture) : a).ToArray();
            return string.Format(CultureInfo.CurrentCulture, resource.Value, values);
        }
        catch (FormatException)
        {
            return resource.Value;
        }
    }
}
