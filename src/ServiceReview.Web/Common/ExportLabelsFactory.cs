using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceReview.Infrastructure.Excel;

namespace ServiceReview.Web.Common;

/// <summary>The exported sheets' words in the request's language (keys <c>Exports.*</c>).</summary>
public static class ExportLabelsFactory
{
    public static ExportLabels Create(IStringLocalizer<SharedResource> localizer) =>
        new(key => localizer[key], CultureInfo.CurrentCulture);

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
