using System.Globalization;
using System.Net;
using System.Resources;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Results;

/// <summary>
/// Issue #17 item 7: in English, grades are shown by the English label their plan gives them (else a built-in English
/// name for the default grades, else the Chinese name) and the trend charts date their rounds in English; in Chinese,
/// as before. The Chinese name stays the grade: it is what the pages' data-grade hooks and the filter's values carry.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Grades_in_the_users_language(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string I1 = "inspector1@demo.local";
    private const string Manager = "manager@demo.local";
    private const string Outstanding = "Outstanding";
    private const string Satisfactory = "Satisfactory";

    private static readonly ResourceManager Resources = new("ServiceReview.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    /// <summary>The English text of a resource key (the neutral resources are English).</summary>
    private static string En(string key) => Resources.GetString(key, CultureInfo.InvariantCulture) ?? throw new KeyNotFoundException(key);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Through the plan pages: a copy of the default plan with these grade bounds, published; returns its id.</summary>
    private async Task<int> PublishedPlanAsync(HttpClient manager, params (string Grade, int Min, string? English)[] bounds)
    {
        var v1 = await factory.DefaultPlanVersionIdAsync();
        var copy = await F.PostFormAsync(manager, $"/plans/{v1}/copy", new Dictionary<string, string>(), "/plans");
        var id = F.IdFromLocation(copy);
        var saved = await SaveGradesAsync(manager, id, bounds);
        Assert.Equal($"/plans/{id}/edit", saved.Headers.Location?.OriginalString);
        var stamp = (await factory.LoadPlanVersionAsync(id)).ConcurrencyStamp.ToString();
        var published = await F.PostFormAsync(manager, $"/plans/{id}/publish", new Dictionary<string, string> { ["stamp"] = stamp }, $"/plans/{id}");
        Assert.Equal($"/plans/{id}", published.Headers.Location?.OriginalString);
        return id;
    }

    private async Task<HttpResponseMessage> SaveGradesAsync(HttpClient manager, int id, params (string Grade, int Min, string? English)[] bounds)
    {
        var fields = new Dictionary<string, string> { ["Stamp"] = (await factory.LoadPlanVersionAsync(id)).ConcurrencyStamp.ToString() };
        for (var i = 0; i < bounds.Length; i++)
        {
            fields[$"Bounds[{i}].Grade"] = bounds[i].Grade;
            fields[$"Bounds[{i}].Min"] = Id(bounds[i].Min);
            fields[$"Bounds[{i}].EnglishLabel"] = bounds[i].English ?? "";
        }

        return await F.PostFormAsync(manager, $"/plans/{id}/grades", fields, $"/plans/{id}");
    }

    /// <summary>优秀 Outstanding, 良好 without a label, 合格 Satisfactory.</summary>
    private Task<int> LabelledPlanAsync(HttpClient manager) =>
        PublishedPlanAsync(manager, ("优秀", 90, Outstanding), ("良好", 80, null), ("合格", 60, Satisfactory));

    private static string? GradeText(string html, string grade) => Html.TextOf(html, $"[data-grade=\"{grade}\"]");

    private static List<string> Labels(string html, string chart) =>
        JsonDocument.Parse(Html.AttributeOf(html, $"canvas#chart-{chart}", "data-chart") ?? "{}").RootElement
            .GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList();

    [Fact]
    public async Task The_English_results_team_search_and_dashboard_pages_show_the_plans_English_labels_and_the_Chinese_pages_the_Chinese_grades()
    {
        var manager = await factory.SignedInAsync(Manager);
        var plan = await LabelledPlanAsync(manager);
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean,
            new Dictionary<string, string[]> { [F.Lead1Team] = [I1], [F.Lead2Team] = [I1] }, plan, new DateOnly(2036, 3, 1));
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.Perfect(), confirm: true);
        await factory.SubmitAsync(round[F.Lead2Team, I1], F.Inputs.Vetoed(), confirm: true);
        var team = await factory.TeamIdAsync(F.Lead1Team);

        var results = await manager.GetStringAsync($"/Results/Round/{round.RoundId}?culture=en");
        var chineseResults = await manager.GetStringAsync($"/Results/Round/{round.RoundId}?culture=zh-CN");
        Assert.Equal(Outstanding, GradeText(results, "优秀"));
        Assert.Equal(En("Grade.Fail"), GradeText(results, PlanVersion.FailGrade));
        Assert.Equal("优秀", GradeText(chineseResults, "优秀"));
        Assert.Equal(PlanVersion.FailGrade, GradeText(chineseResults, PlanVersion.FailGrade));

        var teamPage = await manager.GetStringAsync($"/Results/Team/{round.RoundId}/{team}?culture=en");
        Assert.Equal(Outstanding, Html.TextOf(teamPage, "[data-team-grade]"));
        Assert.Equal(Outstanding, GradeText(teamPage, "优秀"));
        Assert.Equal("优秀", Html.TextOf(await manager.GetStringAsync($"/Results/Team/{round.RoundId}/{team}?culture=zh-CN"), "[data-team-grade]"));

        var dashboard = await manager.GetStringAsync($"/Dashboards?roundId={round.RoundId}&culture=en");
        var chineseDashboard = await manager.GetStringAsync($"/Dashboards?roundId={round.RoundId}&culture=zh-CN");
        Assert.Equal(Outstanding, GradeText(dashboard, "优秀"));
        Assert.Equal([Outstanding, En("Grade.Good"), Satisfactory, En("Grade.Fail")], Labels(dashboard, "grades"));
        Assert.Equal("优秀", GradeText(chineseDashboard, "优秀"));
        Assert.Equal(["优秀", "良好", "合格", PlanVersion.FailGrade], Labels(chineseDashboard, "grades"));

        var period = $"q={Uri.EscapeDataString(F.Lead1Team)}&from=2036-03-01&to=2036-03-31";
        var search = await manager.GetStringAsync($"/Results/Search?{period}&culture=en");
        var chineseSearch = await manager.GetStringAsync($"/Results/Search?{period}&culture=zh-CN");
        Assert.Equal(Outstanding, GradeText(search, "优秀"));
        Assert.Equal("优秀", GradeText(chineseSearch, "优秀"));
        // The filter's value stays the grade itself; only its text follows the language.
        Assert.NotEqual("优秀", Html.TextOf(search, "#grade option[value=\"优秀\"]"));
        Assert.Equal("优秀", Html.TextOf(chineseSearch, "#grade option[value=\"优秀\"]"));
    }

    [Fact]
    public async Task Without_an_English_label_a_default_grade_shows_its_built_in_English_name_and_another_grade_its_Chinese_name()
    {
        var manager = await factory.SignedInAsync(Manager);
        var plan = await PublishedPlanAsync(manager, ("甲等", 90, null), ("良好", 80, null), ("合格", 60, null));
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean,
            new Dictionary<string, string[]> { [F.Lead1Team] = [I1], [F.Lead2Team] = [I1] }, plan, new DateOnly(2036, 5, 1));
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.Perfect(), confirm: true);
        await factory.SubmitAsync(round[F.Lead2Team, I1], F.Inputs.WorkedExample(), confirm: true);

        var html = await manager.GetStringAsync($"/Results/Round/{round.RoundId}?culture=en");

        Assert.Null((await factory.LoadPlanVersionAsync(plan)).GradeBounds[0].EnglishLabel);
        Assert.Equal("甲等", GradeText(html, "甲等"));
        Assert.Equal(En("Grade.Pass"), GradeText(html, "合格"));
    }

    [Fact]
    public async Task A_plan_edited_with_English_labels_keeps_them_after_publishing_and_a_label_too_long_is_refused_with_a_message()
    {
        var manager = await factory.SignedInAsync(Manager);
        var v1 = await factory.DefaultPlanVersionIdAsync();
        var draft = F.IdFromLocation(await F.PostFormAsync(manager, $"/plans/{v1}/copy", new Dictionary<string, string>(), "/plans"));

        var tooLong = await SaveGradesAsync(manager, draft, ("优秀", 90, new string('E', GradeBound.EnglishLabelMaxLength + 1)), ("合格", 60, null));
        Assert.Equal($"/plans/{draft}/edit", tooLong.Headers.Location?.OriginalString);
        Assert.Contains(Texts.Zh("Plans.Validation.TooLong", Texts.Zh("Plans.Field.GradeEnglishLabel"), GradeBound.EnglishLabelMaxLength),
            WebUtility.HtmlDecode(await manager.GetStringAsync($"/plans/{draft}/edit")), StringComparison.Ordinal);
        Assert.Equal(DefaultPlan.GradeBounds, (await factory.LoadPlanVersionAsync(draft)).GradeBounds);

        await SaveGradesAsync(manager, draft, ("优秀", 90, Outstanding), ("良好", 80, null), ("合格", 60, Satisfactory));
        Assert.Equal(Outstanding, Html.AttributeOf(await manager.GetStringAsync($"/plans/{draft}/edit"), "input[name=\"Bounds[0].EnglishLabel\"]", "value"));
        var stamp = (await factory.LoadPlanVersionAsync(draft)).ConcurrencyStamp.ToString();
        await F.PostFormAsync(manager, $"/plans/{draft}/publish", new Dictionary<string, string> { ["stamp"] = stamp }, $"/plans/{draft}");

        var published = await factory.LoadPlanVersionAsync(draft);
        Assert.Equal(PlanVersionStatus.Published, published.Status);
        Assert.Equal([new GradeBound("优秀", 90m, Outstanding), new GradeBound("良好", 80m), new GradeBound("合格", 60m, Satisfactory)], published.GradeBounds);
        Assert.Equal([Outstanding, Satisfactory],
            Html.All(await manager.GetStringAsync($"/plans/{draft}"), "[data-grade-english-label]").Select(e => e.TextContent.Trim(' ', '/')));
    }

    [Fact]
    public async Task A_leads_home_page_and_review_list_and_an_inspectors_list_show_the_grade_in_English()
    {
        var manager = await factory.SignedInAsync(Manager);
        var plan = await LabelledPlanAsync(manager);
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] }, plan, new DateOnly(2036, 9, 1));
        var lead = await factory.PersonIdAsync("lead1@demo.local");
        // Only this one waits for the lead, so the home page lists it.
        await factory.WithDbAsync(async db =>
        {
            var others = await (from i in db.Inspections
                                join t in db.Teams on i.TeamId equals t.Id
                                where t.LeadId == lead && i.Status == InspectionStatus.Submitted
                                select i).ToListAsync();
            others.ForEach(i => i.Confirm(DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var inspection = round[F.Lead1Team, I1];
        await factory.SubmitAsync(inspection, F.Inputs.Perfect());
        var roundName = await factory.WithDbAsync(db => db.Rounds.Where(r => r.Id == round.RoundId).Select(r => r.Name).SingleAsync());
        var leadClient = await factory.SignedInAsync("lead1@demo.local");
        var inspector = await factory.SignedInAsync(I1);

        var home = Html.First(await leadClient.GetStringAsync("/?culture=en"), $"[data-to-confirm=\"{Id(inspection)}\"]");
        var chineseHome = Html.First(await leadClient.GetStringAsync("/?culture=zh-CN"), $"[data-to-confirm=\"{Id(inspection)}\"]");
        Assert.Equal(Outstanding, home?.QuerySelector("[data-grade]")?.TextContent.Trim());
        Assert.Equal("优秀", chineseHome?.QuerySelector("[data-grade]")?.TextContent.Trim());

        Assert.Equal(Outstanding, GradeText(await leadClient.GetStringAsync($"/Reviews?q={Uri.EscapeDataString(roundName)}&culture=en"), "优秀"));
        Assert.Equal("优秀", GradeText(await leadClient.GetStringAsync($"/Reviews?q={Uri.EscapeDataString(roundName)}&culture=zh-CN"), "优秀"));

        var mine = Html.First(await inspector.GetStringAsync($"/Inspections?q={Uri.EscapeDataString(roundName)}&culture=en"), "[data-grade=\"优秀\"]");
        Assert.EndsWith(Outstanding, mine?.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_trend_charts_date_their_rounds_in_English_and_Chinese_ones_name_them_as_before()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] }, null, new DateOnly(2036, 7, 1));
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.Perfect(), confirm: true);
        var roundName = await factory.WithDbAsync(db => db.Rounds.Where(r => r.Id == round.RoundId).Select(r => r.Name).SingleAsync());
        var team = await factory.TeamIdAsync(F.Lead1Team);
        var manager = await factory.SignedInAsync(Manager);

        var english = await manager.GetStringAsync($"/Dashboards/Trends?teamId={team}&culture=en");
        var chinese = await manager.GetStringAsync($"/Dashboards/Trends?teamId={team}&culture=zh-CN");

        var july = new DateOnly(2036, 7, 1).ToString("MMM yyyy", CultureInfo.GetCultureInfo("en"));
        foreach (var chart in new[] { "trend-total", "trend-categories" })
        {
            var labels = Labels(english, chart);
            Assert.Contains(july, labels);
            Assert.DoesNotContain(roundName, labels);
            var spec = JsonDocument.Parse(Html.AttributeOf(english, $"canvas#chart-{chart}", "data-chart")!).RootElement;
            // The tooltip names the round the point stands for.
            Assert.StartsWith(roundName, spec.GetProperty("titles")[labels.IndexOf(july)].GetString(), StringComparison.Ordinal);
            Assert.Contains(roundName, Labels(chinese, chart));
            Assert.DoesNotContain(july, Labels(chinese, chart));
        }
    }

    [Fact]
    public async Task An_English_list_reads_its_grade_names_once_and_then_from_memory()
    {
        var manager = await factory.SignedInAsync(Manager);
        var plan = await LabelledPlanAsync(manager);
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [I1] }, plan, new DateOnly(2036, 11, 1));
        await factory.SubmitAsync(round[F.Lead1Team, I1], F.Inputs.Perfect(), confirm: true);
        var path = "/Results/Search?from=2036-11-01&to=2036-11-30";

        // The first request stores the new round's results (ADR 0027): not what is counted here.
        await manager.GetStringAsync(path + "&culture=zh-CN");
        var chinese = await factory.SqlCommandsOfGetAsync(manager, path + "&culture=zh-CN");
        var first = await factory.SqlCommandsOfGetAsync(manager, path + "&culture=en");
        var again = await factory.SqlCommandsOfGetAsync(manager, path + "&culture=en");

        Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);
        Assert.Equal(Outstanding, GradeText(System.Text.Encoding.UTF8.GetString(again.Body), "优秀"));
        Assert.True(first.Count <= chinese.Count + 1, first.Listing());
        Assert.True(again.Count == chinese.Count, $"{chinese.Count} in Chinese:{Environment.NewLine}{chinese.Listing()}{Environment.NewLine}{again.Count} in English:{Environment.NewLine}{again.Listing()}");
    }
}
