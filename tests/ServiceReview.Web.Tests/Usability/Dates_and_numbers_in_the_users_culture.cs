using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Usability;

/// <summary>
/// A submitted inspection shows its submission time (a date) and its total (a decimal) as the reader's culture writes
/// them: 2026/10/31 in Chinese, 10/31/2026 in English; one decimal place, with the culture's decimal separator.
/// </summary>
public sealed class Dates_and_numbers_in_the_users_culture(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_submitted_inspection_shows_its_date_and_total_in_the_users_culture(string culture)
    {
        await factory.EnsureDemoDataAsync();
        var inspection = await factory.WithDbAsync(db => db.Set<Inspection>()
            .Where(i => i.Status == InspectionStatus.Confirmed && i.Total != null && i.SubmittedAt != null)
            .Join(db.People.Where(p => p.Email == "inspector1@demo.local"), i => i.InspectorId, p => p.Id, (i, _) => i)
            .OrderByDescending(i => i.Id)
            .FirstAsync());
        var client = await factory.SignedInAsync("inspector1@demo.local");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/inspections/{inspection.Id}");
        request.Headers.Add("Cookie", $".AspNetCore.Culture=c={culture}|uic={culture}");
        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        var format = CultureInfo.GetCultureInfo(culture);
        var submitted = OrganisationClock.ToLocal(inspection.SubmittedAt!.Value, OrganisationClock.FindOrganisationZone(null));
        var date = submitted.ToString("d", format);
        Assert.Matches(culture == "en" ? "^\\d{1,2}/\\d{1,2}/\\d{4}$" : "^\\d{4}/\\d{1,2}/\\d{1,2}$", date);
        Assert.Contains(date, html, StringComparison.Ordinal);

        var total = Regex.Match(html, "data-record-total=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(inspection.Total!.Value.ToString("0.0", format), total);
        Assert.Matches("^\\d+\\" + format.NumberFormat.NumberDecimalSeparator + "\\d$", total);
    }
}
