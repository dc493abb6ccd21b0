using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Plans;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Helpers for the plan pages' tests: a signed-in browser, form posts with the page's token, the database.</summary>
public sealed partial class ServiceReviewWebFactory
{
    /// <summary>Posts a form as the browser would: with the antiforgery token of a page the user can open.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, IDictionary<string, string> fields, string tokenPage = "/") =>
        PostFormAsync(client, tokenPage, path, fields);

    /// <summary>A plan version with its content, as stored.</summary>
    public Task<PlanVersion> LoadPlanVersionAsync(int id) =>
        WithDbAsync(db => db.PlanVersions.AsNoTracking().Include(v => v.Categories).ThenInclude(c => c.Indicators).AsSplitQuery().SingleAsync(v => v.Id == id));

    /// <summary>The id of the demo data's default plan, version 1.</summary>
    public Task<int> DefaultPlanVersionIdAsync() =>
        WithDbAsync(db => db.PlanVersions.Where(v => v.Name == DefaultPlan.Name && v.Number == 1).Select(v => v.Id).SingleAsync());

    /// <summary>The id at the end of a redirect such as /plans/12/edit.</summary>
    public static int IdFromLocation(HttpResponseMessage response)
    {
        var match = PlanIdPattern().Match(response.Headers.Location!.OriginalString);
        Assert.True(match.Success, $"No plan id in {response.Headers.Location}.");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("/plans/([0-9]+)")]
    private static partial Regex PlanIdPattern();
}
