using System.Globalization;
using System.Net;
using System.Resources;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Calibration;
using ServiceReview.Core.Scoring;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Analytics;

/// <summary>Calibration (校准): set by a manager, scored blind by each participant once, revealed, optionally counted in bias.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed partial class A_calibration_exercise(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string Manager = "manager@demo.local";
    private const string I1 = "inspector1@demo.local";
    private const string I2 = "inspector2@demo.local";
    private const string I5 = "inspector5@demo.local";

    private async Task<int> CreateAsync(bool countsTowardBias, DateOnly? period = null)
    {
        var manager = await factory.SignedInAsync(Manager);
        var start = period ?? new DateOnly(2025, 1, 1);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Name", "一月校准 " + Guid.NewGuid().ToString("N")[..6]),
            new("TeamId", (await factory.TeamIdAsync(F.Lead1Team)).ToString(CultureInfo.InvariantCulture)),
            new("PlanVersionId", (await factory.WithDbAsync(db => db.PlanVersions.OrderBy(v => v.Id).Select(v => v.Id).FirstAsync())).ToString(CultureInfo.InvariantCulture)),
            new("PeriodStart", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("PeriodEnd", start.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("InspectorIds", (await factory.PersonIdAsync(I1)).ToString(CultureInfo.InvariantCulture)),
            new("InspectorIds", (await factory.PersonIdAsync(I2)).ToString(CultureInfo.InvariantCulture)),
        };
        if (countsTowardBias)
        {
            fields.Add(new("CountsTowardBias", "true"));
        }

        var response = await F.PostFormAsync(manager, "/Calibration/Create", "/Calibration/Create", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(IdPattern().Match(response.Headers.Location!.OriginalString).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static IEnumerable<KeyValuePair<string, string>> Fields(IReadOnlyDictionary<string, IndicatorInput> inputs)
    {
        var i = 0;
        foreach (var (code, input) in inputs)
        {
            var p = $"Items[{i++}]";
            yield return new($"{p}.Code", code);
            if (input.NotApplicable) { yield return new($"{p}.Na", "true"); }
            if (input.Value is { } v) { yield return new($"{p}.Value", v.ToString(CultureInfo.InvariantCulture)); }
            if (input.Count is { } c) { yield return new($"{p}.Count", c.ToString(CultureInfo.InvariantCulture)); }
            if (input.Pass is { } pass) { yield return new($"{p}.Pass", pass ? "true" : "false"); }
            if (input.Level is { } level) { yield return new($"{p}.Level", level); }
            if (input.Note is { } note) { yield return new($"{p}.Note", note); }
        }
    }

    private static async Task<HttpResponseMessage> ScoreAsync(HttpClient client, int id, IReadOnlyDictionary<string, IndicatorInput> inputs)
    {
        var page = await client.GetStringAsync($"/Calibration/Details/{id}");
        var stamp = StampPattern().Match(page).Groups[1].Value;
        return await F.PostFormAsync(client, $"/Calibration/Details/{id}", $"/Calibration/Score/{id}",
            Fields(inputs).Append(new("Stamp", stamp)));
    }

    private async Task<HttpResponseMessage> RevealAsync(int id, bool counts, HttpClient? client = null)
    {
        var manager = client ?? await factory.SignedInAsync(Manager);
        var page = await manager.GetStringAsync($"/Calibration/Details/{id}");
        var stamp = Regex.Match(page, "name=\"stamp\" value=\"([0-9a-f-]{36})\"").Groups[1].Value;
        return await F.PostFormAsync(manager, $"/Calibration/Details/{id}", $"/Calibration/Reveal/{id}",
            [new("stamp", stamp), new("countsTowardBias", counts ? "true" : "false")]);
    }

    private Task<int> AuditCountAsync(int id, string action) =>
        factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.EntityType == nameof(CalibrationExercise) && a.EntityId == id.ToString(CultureInfo.InvariantCulture) && a.Action == action));

    [Fact]
    public async Task Everyone_scores_blind_once_then_the_manager_reveals_the_spread_against_the_reference()
    {
        var id = await CreateAsync(countsTowardBias: false);
        Assert.Equal(1, await AuditCountAsync(id, "CalibrationCreated"));
        var manager = await factory.SignedInAsync(Manager);
        var one = await factory.SignedInAsync(I1);
        var two = await factory.SignedInAsync(I2);

        Assert.Equal(HttpStatusCode.Redirect, (await ScoreAsync(manager, id, F.Inputs.WorkedExample())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ScoreAsync(one, id, F.Inputs.WorkedExample())).StatusCode);
        var lenient = F.Inputs.WorkedExample();
        lenient["3.2"] = new IndicatorInput { Level = "优秀", Note = "沟通协调记录完整，项目例会纪要齐全" };
        Assert.Equal(HttpStatusCode.Redirect, (await ScoreAsync(two, id, lenient)).StatusCode);

        // Blind: before the reveal nobody sees a score, not even after handing in their own.
        var before = await one.GetStringAsync($"/Calibration/Details/{id}");
        Assert.DoesNotContain("id=\"spread\"", before);
        Assert.DoesNotContain("id=\"calibration-score\"", before);

        Assert.Equal(HttpStatusCode.Redirect, (await RevealAsync(id, counts: false)).StatusCode);
        Assert.Equal(1, await AuditCountAsync(id, "CalibrationRevealed"));
        Assert.Equal(3, await AuditCountAsync(id, "CalibrationScored"));

        var after = await one.GetStringAsync($"/Calibration/Details/{id}");
        Assert.Contains("id=\"spread\"", after);
        var row = Regex.Match(after, "<tr class=\"\" data-code=\"3.2\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("text-danger", row); // inspector2's 10 against the reference's 6
        Assert.Contains("data-range=\"4.0\"", row); // range 10 − 6, points at one decimal
        Assert.Contains(">4.0<", row);
    }

    [Fact]
    public async Task A_second_submit_changes_nothing_and_says_so()
    {
        var id = await CreateAsync(countsTowardBias: false);
        var one = await factory.SignedInAsync(I1);
        var page = await one.GetStringAsync($"/Calibration/Details/{id}");
        var stamp = StampPattern().Match(page).Groups[1].Value;
        var fields = Fields(F.Inputs.WorkedExample()).Append(new("Stamp", stamp)).ToList();

        await F.PostFormAsync(one, $"/Calibration/Details/{id}", $"/Calibration/Score/{id}", fields);
        var second = await F.PostFormAsync(one, $"/Calibration/Details/{id}", $"/Calibration/Score/{id}", fields);

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(1, await AuditCountAsync(id, "CalibrationScored"));
        Assert.Matches(Texts.ZhPattern("Calibration.AlreadyScored"), await one.GetStringAsync($"/Calibration/Details/{id}"));
    }

    [Fact]
    public async Task An_incomplete_score_is_shown_again_with_the_problem_and_nothing_saved()
    {
        var id = await CreateAsync(countsTowardBias: false);
        var one = await factory.SignedInAsync(I1);
        var inputs = F.Inputs.WorkedExample();
        inputs.Remove("3.1");

        var response = await ScoreAsync(one, id, inputs);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("3.1", html);
        // The sheet's problem in words (the domain's message listing what is missing), never a resource key.
        Assert.Contains(Texts.Zh("Calibration.Incomplete.NotScored", "3.1"), html);
        Assert.DoesNotContain(Texts.Zh("Calibration.Incomplete.NoteRequired", ""), html); // no empty "note required" line
        Assert.DoesNotContain("Scoring.Incomplete", html);
        Assert.Equal(0, await AuditCountAsync(id, "CalibrationScored"));
    }

    [Fact]
    public async Task Revealing_too_early_is_refused_in_the_users_language()
    {
        var id = await CreateAsync(countsTowardBias: false);
        var manager = await factory.SignedInAsync(Manager);

        await RevealAsync(id, counts: false, manager);

        Assert.Matches(Texts.ZhPattern("Calibration.Refusal.ReferenceMissing"), await manager.GetStringAsync($"/Calibration/Details/{id}"));
        Assert.Equal(0, await AuditCountAsync(id, "CalibrationRevealed"));
    }

    [Fact]
    public async Task The_scores_count_toward_bias_only_when_the_manager_chooses()
    {
        var period = new DateOnly(2024, 6, 1);
        var range = "from=2024-06-01&to=2024-06-30";
        var counted = await CreateAsync(countsTowardBias: false, period);
        var manager = await factory.SignedInAsync(Manager);
        var one = await factory.SignedInAsync(I1);
        var two = await factory.SignedInAsync(I2);
        await ScoreAsync(manager, counted, F.Inputs.WorkedExample());
        await ScoreAsync(one, counted, F.Inputs.WorkedExample());
        await ScoreAsync(two, counted, F.Inputs.Perfect());

        await RevealAsync(counted, counts: false);
        using (var none = JsonDocument.Parse(await manager.GetStringAsync($"/api/analytics/inspectors?{range}")))
        {
            Assert.Empty(none.RootElement.EnumerateArray());
        }

        var other = await CreateAsync(countsTowardBias: true, period);
        await ScoreAsync(manager, other, F.Inputs.WorkedExample());
        await ScoreAsync(one, other, F.Inputs.WorkedExample());
        await ScoreAsync(two, other, F.Inputs.Perfect());
        await RevealAsync(other, counts: true);

        using var json = JsonDocument.Parse(await manager.GetStringAsync($"/api/analytics/inspectors?{range}"));
        var rows = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("inspector").GetString()!);
        Assert.Equal(2, rows.Count); // the manager's reference is not an inspector's score
        Assert.Equal(1, rows[I2].GetProperty("shared").GetInt32());
        Assert.Equal(26.9, rows[I2].GetProperty("meanDifference").GetDouble()); // 100 − 73.1
    }

    [Fact]
    public async Task Someone_outside_the_exercise_gets_not_found_and_changes_nothing()
    {
        var id = await CreateAsync(countsTowardBias: false);
        var outsider = await factory.SignedInAsync(I5);
        var lead = await factory.SignedInAsync("lead1@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Calibration/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/Calibration/Details/{id}")).StatusCode);
        var post = await F.PostFormAsync(outsider, "/Calibration", $"/Calibration/Score/{id}", Fields(F.Inputs.WorkedExample()).Append(new("Stamp", Guid.Empty.ToString())));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(0, await AuditCountAsync(id, "CalibrationScored"));
        Assert.DoesNotContain("一月校准", await outsider.GetStringAsync("/Calibration"));
    }

    [Theory]
    [InlineData(I1, "/Calibration/Create")]
    [InlineData("lead1@demo.local", "/Calibration/Create")]
    public async Task Only_managers_set_exercises(string email, string path)
    {
        var client = await factory.SignedInAsync(email);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_managers_reveal()
    {
        var id = await CreateAsync(countsTowardBias: false);
        var one = await factory.SignedInAsync(I1);

        var response = await F.PostFormAsync(one, $"/Calibration/Details/{id}", $"/Calibration/Reveal/{id}", [new("stamp", Guid.Empty.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_form_gets_the_changed_by_message()
    {
        var id = await CreateAsync(countsTowardBias: false);
        var manager = await factory.SignedInAsync(Manager);
        var one = await factory.SignedInAsync(I1);
        var stalePage = await manager.GetStringAsync($"/Calibration/Details/{id}");
        var stale = StampPattern().Match(stalePage).Groups[1].Value;
        await ScoreAsync(one, id, F.Inputs.WorkedExample());

        var response = await F.PostFormAsync(manager, $"/Calibration/Details/{id}", $"/Calibration/Score/{id}",
            Fields(F.Inputs.WorkedExample()).Append(new("Stamp", stale)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await factory.NameOfAsync(I1), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await AuditCountAsync(id, "CalibrationScored"));
    }

    [Fact]
    public void Every_refusal_has_a_Chinese_and_an_English_text()
    {
        var resources = new ResourceManager("ServiceReview.Web.Resources.SharedResource", typeof(SharedResource).Assembly);
        var missing = Enum.GetValues<CalibrationRefusal>()
            .Where(r => resources.GetString("Calibration.Refusal." + r, CultureInfo.GetCultureInfo("zh-CN")) is null
                || resources.GetString("Calibration.Refusal." + r, CultureInfo.InvariantCulture) is null)
            .ToList();

        Assert.Empty(missing);
    }

    [GeneratedRegex(@"/Calibration/Details/(\d+)")]
    private static partial Regex IdPattern();

    [GeneratedRegex("name=\"Stamp\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex StampPattern();
}
