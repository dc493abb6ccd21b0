using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Features.Rounds;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Rounds;

/// <summary>Demo people and teams by name, and rounds made through the use cases, for the round tests.</summary>
internal static partial class RoundsTestData
{
    public const string Manager = "manager@demo.local";
    public const string Admin = "admin@demo.local";
    public static readonly Actor TestActor = new(null, "测试", null);

    public static Task<int> PersonIdAsync(this ServiceReviewWebFactory factory, string email) =>
        factory.WithDbAsync(db => db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync());

    public static Task<int> TeamIdAsync(this ServiceReviewWebFactory factory, string name) =>
        factory.WithDbAsync(db => db.Teams.Where(t => t.Name == name).Select(t => t.Id).FirstAsync());

    public static Task<int> PublishedPlanIdAsync(this ServiceReviewWebFactory factory) =>
        factory.WithDbAsync(db => db.PlanVersions.Where(v => v.Status == Core.Plans.PlanVersionStatus.Published).Select(v => v.Id).FirstAsync());

    /// <summary>A new project with one team whose member is <paramref name="memberEmail"/> (an inspector): a conflict of interest.</summary>
    public static Task<int> TeamWithMemberAsync(this ServiceReviewWebFactory factory, string teamName, string memberEmail) =>
        factory.WithDbAsync(async db =>
        {
            var project = new Project("测试项目" + Guid.NewGuid().ToString("N")[..6], "测试客户");
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            var team = new Team(project.Id, teamName);
            team.AddMember(await db.People.Where(p => p.Email == memberEmail).Select(p => p.Id).SingleAsync());
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            return team.Id;
        });

    /// <summary>A draft round over the given teams, each inspected by the given inspectors (by e-mail).</summary>
    public static async Task<int> DraftRoundAsync(this ServiceReviewWebFactory factory, string name, IReadOnlyList<int> teamIds, params string[] inspectorEmails)
    {
        var planId = await factory.PublishedPlanIdAsync();
        var inspectors = new List<int>();
        foreach (var email in inspectorEmails)
        {
            inspectors.Add(await factory.PersonIdAsync(email));
        }

        var now = DateTime.UtcNow;
        var input = new RoundDraftInput(name, new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), planId, now.AddHours(-1), now.AddDays(10),
            AggregationMethod.TrimmedMean, teamIds.Select(t => new TeamAssignmentInput(t, inspectors)).ToList());
        var result = await factory.WithServiceAsync<RoundService, Outcome<int>>(s => s.CreateDraftAsync(input, TestActor));
        Assert.True(result.IsOk, string.Join("; ", result.Errors.Select(e => e.Key)));
        return result.Value;
    }

    public static async Task<int> OpenRoundAsync(this ServiceReviewWebFactory factory, string name, IReadOnlyList<int> teamIds, params string[] inspectorEmails)
    {
        var id = await factory.DraftRoundAsync(name, teamIds, inspectorEmails);
        var stamp = await factory.WithDbAsync(db => db.Rounds.Where(r => r.Id == id).Select(r => r.ConcurrencyStamp).SingleAsync());
        Assert.True((await factory.WithServiceAsync<RoundService, Outcome<int>>(s => s.OpenAsync(id, stamp, TestActor))).IsOk);
        return id;
    }

    public static Task<Round> RoundAsync(this ServiceReviewWebFactory factory, int id) =>
        factory.WithDbAsync(db => db.Rounds.AsNoTracking().Include(r => r.Teams).Include(r => r.Assignments).AsSplitQuery().SingleAsync(r => r.Id == id));

    public static Task<Guid> RoundStampAsync(this ServiceReviewWebFactory factory, int id) =>
        factory.WithDbAsync(db => db.Rounds.Where(r => r.Id == id).Select(r => r.ConcurrencyStamp).SingleAsync());

    public static Task<List<Core.Inspections.Inspection>> InspectionsAsync(this ServiceReviewWebFactory factory, int roundId) =>
        factory.WithDbAsync(db => db.Inspections.AsNoTracking().Where(i => i.RoundId == roundId).OrderBy(i => i.Id).ToListAsync());

    public static Task<List<Core.Audit.AuditEntry>> AuditAsync(this ServiceReviewWebFactory factory, string entityType, int id) =>
        factory.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(a => a.Id).ToListAsync());

    /// <summary>Follows a redirect and returns the page's HTML (the status message shows there).</summary>
    public static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location!));
    }

    public static string StatusMessage(string html)
    {
        var match = StatusPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : "";
    }

    [GeneratedRegex("<div class=\"alert alert-[a-z]+ alert-dismissible fade show\" role=\"status\">\\s*([^<]*)<", RegexOptions.Singleline)]
    private static partial Regex StatusPattern();
}
