using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Calibration;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Data for the list tests (search and paging): more rows than a page, made the way the product makes them.</summary>
public sealed partial class ServiceReviewWebFactory
{
    private static readonly string[] AllInspectors =
        ["inspector1@demo.local", "inspector2@demo.local", "inspector3@demo.local", "inspector4@demo.local", "inspector5@demo.local"];

    /// <summary>
    /// <paramref name="count"/> ruled disputes on lead 1's team: inspections in new open rounds, submitted, disputed on
    /// indicator 1.1 by the lead and upheld by the manager. Returns the rounds' ids.
    /// </summary>
    public async Task<IReadOnlyList<int>> RuledDisputesAsync(int count)
    {
        var inspectionIds = new List<int>();
        var rounds = new List<int>();
        while (inspectionIds.Count < count)
        {
            var round = await CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [Lead1Team] = AllInspectors });
            rounds.Add(round.RoundId);
            foreach (var id in round.Inspections.Values.Order().Take(count - inspectionIds.Count))
            {
                await SubmitAsync(id, Inputs.WorkedExample());
                inspectionIds.Add(id);
            }
        }

        var lead = await PersonIdAsync("lead1@demo.local");
        var manager = await PersonIdAsync("manager@demo.local");
        await WithDbAsync(async db =>
        {
            foreach (var id in inspectionIds)
            {
                var inspection = await db.Inspections.Include(i => i.Entries).Include(i => i.CategoryScores).AsSplitQuery().FirstAsync(i => i.Id == id);
                var plan = await db.PlanVersions.Include(v => v.Categories).ThenInclude(c => c.Indicators).AsSplitQuery().FirstAsync(v => v.Id == inspection.PlanVersionId);
                var now = DateTime.UtcNow;
                var dispute = inspection.Dispute(lead, [("1.1", "数据口径有误")], now);
                db.Disputes.Add(dispute);
                dispute.Rule(manager, new Dictionary<string, (DisputeOutcome, string)>(StringComparer.Ordinal) { ["1.1"] = (DisputeOutcome.Upheld, "维持原评分") }, now);
                inspection.Arbitrate(dispute, [], plan, now);
            }

            await db.SaveChangesAsync();
            return 0;
        });
        return rounds;
    }

    /// <summary><paramref name="count"/> corrective actions named <paramref name="prefix"/>01.. on a closed demo round of the team, owned by <paramref name="ownerEmail"/>.</summary>
    public async Task AddActionsAsync(int count, string prefix, string teamName, string ownerEmail)
    {
        await EnsureDemoDataAsync();
        var owner = await PersonIdAsync(ownerEmail);
        var manager = await PersonIdAsync("manager@demo.local");
        await WithDbAsync(async db =>
        {
            var team = await db.Teams.FirstAsync(t => t.Name == teamName);
            var round = await db.Rounds.Where(r => r.Status == RoundStatus.Closed && r.Teams.Any(t => t.TeamId == team.Id))
                .OrderByDescending(r => r.PeriodStart).FirstAsync();
            var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
            for (var i = 1; i <= count; i++)
            {
                db.CorrectiveActions.Add(new CorrectiveAction(round.Id, team.Id, "1.1", $"{prefix}{i:00}", owner, due, manager, DateTime.UtcNow));
            }

            await db.SaveChangesAsync();
            return 0;
        });
    }

    /// <summary><paramref name="count"/> open calibration exercises named <paramref name="prefix"/>01.. with the manager as reference.</summary>
    public async Task AddCalibrationsAsync(int count, string prefix, string teamName, params string[] inspectorEmails)
    {
        await EnsureDemoDataAsync();
        var manager = await PersonIdAsync("manager@demo.local");
        var inspectors = new List<int>();
        foreach (var email in inspectorEmails)
        {
            inspectors.Add(await PersonIdAsync(email));
        }

        await WithDbAsync(async db =>
        {
            var team = await db.Teams.FirstAsync(t => t.Name == teamName);
            var plan = await db.PlanVersions.Where(v => v.Status == PlanVersionStatus.Published).OrderBy(v => v.Id).FirstAsync();
            for (var i = 1; i <= count; i++)
            {
                db.CalibrationExercises.Add(new CalibrationExercise($"{prefix}{i:00}", team.Id, plan.Id, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31),
                    false, manager, inspectors, DateTime.UtcNow.AddMinutes(i)));
            }

            await db.SaveChangesAsync();
            return 0;
        });
    }

    /// <summary>The page as text a reader sees (entities decoded).</summary>
    public static async Task<string> PageTextAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The pager's "第 x–y 条，共 z 条" as numbers; null when the page shows no range (an empty list).</summary>
    public static (int First, int Last, int Total)? RangeOf(string decodedHtml)
    {
        var match = RangePattern().Match(decodedHtml);
        return match.Success
            ? (int.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups[2].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups[3].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>The ids in links matching <paramref name="pattern"/> (its first group), in page order.</summary>
    public static List<int> IdsOf(string html, string pattern) =>
        Regex.Matches(html, pattern).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex("第 ([\\d,]+)–([\\d,]+) 条，共 ([\\d,]+) 条")]
    private static partial Regex RangePattern();
}
