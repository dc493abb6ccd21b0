using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Features.Reviews;

namespace ServiceReview.Web.Features.Dashboards;

/// <summary>One series of a chart.</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<decimal?> Values, bool Dashed = false);

/// <summary>
/// A chart and its numbers: the page draws <see cref="Labels"/>/<see cref="Series"/> with Chart.js and shows
/// <see cref="Table"/> beneath it; the export writes the same <see cref="Table"/>, so the three never disagree.
/// </summary>
public sealed record DashboardChart(
    string Id, string Type, string Title, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, SheetTable Table,
    bool Horizontal = false, decimal? Max = null, IReadOnlyList<int>? Markers = null, string? MarkerLabel = null)
{
    /// <summary>What the values are in, drawn after each value on the axis, the labels and the tooltips ("%" or none).</summary>
    public string? Unit { get; init; }

    /// <summary>The values are counts: the value axis shows whole numbers only.</summary>
    public bool WholeNumbers { get; init; }

    /// <summary>Each bar (or slice) carries its value, so the chart is read without the axis or a tooltip.</summary>
    public bool ValueLabels { get; init; }

    /// <summary>Per label, the tooltip's title when it should say more than the label (null: the label).</summary>
    public IReadOnlyList<string>? Titles { get; init; }

    /// <summary>Per table row, a page that explains the row (null for none), linked from the cell in <see cref="LinkColumn"/>.</summary>
    public IReadOnlyList<string?>? RowLinks { get; init; }

    public int LinkColumn { get; init; }
}

public sealed class RoundDashboardViewModel
{
    /// <summary>Teams per page of the dashboard's team table unless the user chose another size.</summary>
    public const int DefaultSize = 50;

    /// <summary>The team table's search, sort and page.</summary>
    public ServiceReview.Web.Features.Results.TeamsQuery Query { get; init; } = new();

    public required IReadOnlyList<RoundOption> Rounds { get; init; }

    public required IReadOnlyList<Option> Projects { get; init; }

    public int? RoundId { get; init; }

    public int? ProjectId { get; init; }

    public RoundDashboard? Dashboard { get; init; }

    public IReadOnlyList<DashboardChart> Charts { get; init; } = [];
}

public sealed class TrendsViewModel
{
    public required IReadOnlyList<Option> Projects { get; init; }

    public required IReadOnlyList<Option> Teams { get; init; }

    public int? ProjectId { get; init; }

    public int? TeamId { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public IReadOnlyList<TrendPoint> Points { get; init; } = [];

    public IReadOnlyList<DashboardChart> Charts { get; init; } = [];

    /// <summary>The indicators of the team's rounds (code, name), for the indicator trend's choice.</summary>
    public IReadOnlyList<(string Code, string Name)> Indicators { get; init; } = [];

    /// <summary>The indicator whose trend is drawn for the team and for the organisation (null: none chosen).</summary>
    public string? Indicator { get; init; }
}

/// <summary>Turns dashboard figures into charts with localised titles and headers.</summary>
public static class DashboardCharts
{
    public const int Weakest = 5;

    public static IReadOnlyList<DashboardChart> ForRound(RoundDashboard d, IStringLocalizer<SharedResource> l)
    {
        var ranked = d.Teams.Where(t => t.Total is not null).ToList();
        var ranking = new DashboardChart(
            "ranking", "bar", l["Dashboards.Chart.Ranking"],
            ranked.Select(t => t.Team).ToList(),
            [new ChartSeries(l["Dashboards.Col.Total"], ranked.Select(t => t.Total).ToList())],
            new SheetTable(l["Dashboards.Sheet.Ranking"], l["Dashboards.Chart.Ranking"],
                [l["Dashboards.Col.Rank"], l["Dashboards.Col.Project"], l["Dashboards.Col.Team"], l["Dashboards.Col.Total"], l["Dashboards.Col.Grade"],
                    l["Numbers.Col.Counted"], l["Numbers.Col.Confirmed"]],
                d.Teams.Select(t => (IReadOnlyList<object?>)[t.Rank, t.Project, t.Team, Figure.Round(t.Total, FigureKind.Score), GradeLabels.Of(t.Grade, d.GradeBounds, l), t.Counted.Count, t.ConfirmedCount]).ToList()),
            Horizontal: true, Max: 100)
        {
            // Which inspections were dropped is on the team page (计入/未计入 beside each inspection).
            RowLinks = d.Teams.Select(t => (string?)$"/Results/Team/{d.Results.Round.Id}/{t.TeamId}").ToList(),
            LinkColumn = 5,
            ValueLabels = true,
        };

        // The chart and its table are the page's text: the grades by their names in the user's language (GradeLabels).
        var gradeRows = d.Grades.Select(g => (IReadOnlyList<object?>)[GradeLabels.Of(g.Grade, d.GradeBounds, l), g.Teams]).ToList();
        if (d.TeamsWithoutResult > 0)
        {
            gradeRows.Add([l["Dashboards.NoResult"].Value, d.TeamsWithoutResult]);
        }

        var grades = new DashboardChart(
            "grades", "doughnut", l["Dashboards.Chart.Grades"],
            gradeRows.Select(r => (string)r[0]!).ToList(),
            [new ChartSeries(l["Dashboards.Col.Teams"], gradeRows.Select(r => (decimal?)(int)r[1]!).ToList())],
            new SheetTable(l["Dashboards.Sheet.Grades"], l["Dashboards.Chart.Grades"], [l["Dashboards.Col.Grade"], l["Dashboards.Col.Teams"]], gradeRows))
        {
            WholeNumbers = true,
            ValueLabels = true,
        };

        var categories = new DashboardChart(
            "categories", "radar", l["Dashboards.Chart.Categories"],
            d.Categories.Select(c => c.Code + " " + c.Name).ToList(),
            [new ChartSeries(l["Dashboards.Col.ShareOfWeight"], d.Categories.Select(c => ShareOf(c.Mean, c.Weight)).ToList())],
            new SheetTable(l["Dashboards.Sheet.Categories"], l["Dashboards.Chart.Categories"],
                [l["Dashboards.Col.Category"], l["Dashboards.Col.Weight"], l["Dashboards.Col.MeanScore"], l["Dashboards.Col.ShareOfWeight"]],
                d.Categories.Select(c => (IReadOnlyList<object?>)[c.Code + " " + c.Name, c.Weight, Figure.Round(c.Mean, FigureKind.Score),
                    new TableFigure(ShareOf(c.Mean, c.Weight), FigureKind.Percent)]).ToList()),
            Max: 100)
        {
            Unit = "%",
        };

        var weakest = new DashboardChart(
            "weakest", "bar", l["Dashboards.Chart.Weakest", Weakest],
            d.Weakest.Select(a => a.Code + " " + a.Name).ToList(),
            [new ChartSeries(l["Dashboards.Col.ShareOfMax"], d.Weakest.Select(a => ShareOf(a.MeanPoints, a.Max)).ToList())],
            new SheetTable(l["Dashboards.Sheet.Weakest"], l["Dashboards.Chart.Weakest", Weakest],
                [l["Dashboards.Col.Indicator"], l["Dashboards.Col.Max"], l["Dashboards.Col.MeanPoints"], l["Dashboards.Col.ShareOfMax"], l["Dashboards.Col.Scored"]],
                d.Weakest.Select(a => (IReadOnlyList<object?>)[a.Code + " " + a.Name, a.Max, Figure.Round(a.MeanPoints, FigureKind.Points),
                    new TableFigure(ShareOf(a.MeanPoints, a.Max), FigureKind.Percent), a.Scored]).ToList()),
            Horizontal: true, Max: 100)
        {
            Unit = "%",
            ValueLabels = true,
        };

        return [ranking, grades, categories, weakest];
    }

    public static IReadOnlyList<DashboardChart> ForTrend(string teamName, IReadOnlyList<TrendPoint> points, IReadOnlyList<ActionAgeBucket> ages, IStringLocalizer<SharedResource> l)
    {
        var labels = TrendLabels(points);
        var titles = TrendTitles(points);
        var markers = points.Select((p, i) => (p, i)).Where(x => x.p.PlanChanged && x.i > 0).Select(x => x.i).ToList();
        var planHeader = l["Dashboards.Col.Plan"].Value;
        var totals = new DashboardChart(
            "trend-total", "line", l["Dashboards.Chart.TrendTotal", teamName], labels,
            [new ChartSeries(l["Dashboards.Col.Total"], points.Select(p => p.Total).ToList())],
            new SheetTable(l["Dashboards.Sheet.TrendTotal"], l["Dashboards.Chart.TrendTotal", teamName],
                [l["Dashboards.Col.Round"], l["Dashboards.Col.PeriodStart"], planHeader, l["Dashboards.Col.Total"], l["Dashboards.Col.Grade"]],
                points.Select(p => (IReadOnlyList<object?>)[p.RoundName, p.PeriodStart, l["Dashboards.PlanVersion", p.PlanName, p.PlanNumber].Value, p.Total, GradeLabels.Of(p.Grade, p.GradeBounds, l)]).ToList()),
            Max: 100, Markers: markers, MarkerLabel: l["Dashboards.PlanChanged"])
        {
            Titles = titles,
        };

        // Categories weigh differently (15–25 points): each is drawn as a share of its own weight, so they compare.
        var categoryCodes = points.SelectMany(p => p.Categories).Select(c => (c.Code, c.Name)).Distinct().OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        decimal? Share(TrendPoint p, string code) => p.Categories.FirstOrDefault(x => x.Code == code) is { } c ? ShareOf(c.Score, c.Weight) : null;
        var categorySeries = categoryCodes
            .Select(c => new ChartSeries(c.Code + " " + c.Name, points.Select(p => Share(p, c.Code)).ToList()))
            .ToList();
        var categoryHeaders = new List<string> { l["Dashboards.Col.Round"], planHeader };
        categoryHeaders.AddRange(categoryCodes.Select(c => l["Dashboards.Col.CategoryShare", c.Code + " " + c.Name].Value));
        var categories = new DashboardChart(
            "trend-categories", "line", l["Dashboards.Chart.TrendCategoryShares", teamName], labels, categorySeries,
            new SheetTable(l["Dashboards.Sheet.TrendCategories"], l["Dashboards.Chart.TrendCategoryShares", teamName], categoryHeaders,
                points.Select(p =>
                {
                    var row = new List<object?> { p.RoundName, l["Dashboards.PlanVersion", p.PlanName, p.PlanNumber].Value };
                    row.AddRange(categoryCodes.Select(c => (object?)new TableFigure(Share(p, c.Code), FigureKind.Percent)));
                    return (IReadOnlyList<object?>)row;
                }).ToList()),
            Max: 100, Markers: markers, MarkerLabel: l["Dashboards.PlanChanged"])
        {
            Unit = "%",
            Titles = titles,
        };

        var bucketLabels = ages.Select(a => l["Dashboards.Age." + a.Key].Value).ToList();
        var actions = new DashboardChart(
            "actions-age", "bar", l["Dashboards.Chart.ActionsAge"], bucketLabels,
            [
                new ChartSeries(l["Dashboards.Col.OpenActions"], ages.Select(a => (decimal?)(a.Open - a.Overdue)).ToList()),
                new ChartSeries(l["Dashboards.Col.Overdue"], ages.Select(a => (decimal?)a.Overdue).ToList()),
            ],
            new SheetTable(l["Dashboards.Sheet.ActionsAge"], l["Dashboards.Chart.ActionsAge"],
                [l["Dashboards.Col.Age"], l["Dashboards.Col.OpenActions"], l["Dashboards.Col.Overdue"]],
                ages.Select((a, i) => (IReadOnlyList<object?>)[bucketLabels[i], a.Open - a.Overdue, a.Overdue]).ToList()))
        {
            WholeNumbers = true,
            ValueLabels = true,
        };
        return [totals, categories, actions];
    }

    /// <summary>
    /// One indicator over the rounds, as a share of its maximum: the team's line and the organisation's (all teams, or
    /// the project's), both from the counted inspections, as the round dashboard computes them.
    /// </summary>
    public static DashboardChart ForIndicator(string teamName, IReadOnlyList<TrendPoint> points, string code, string name, IReadOnlyList<IndicatorAverage?> organisation, IStringLocalizer<SharedResource> l)
    {
        var team = points.Select(p => p.Indicators.FirstOrDefault(a => a.Code == code)).ToList();
        var title = l["Dashboards.Chart.TrendIndicator", code + " " + name, teamName].Value;
        return new DashboardChart(
            "trend-indicator", "line", title, TrendLabels(points),
            [
                new ChartSeries(teamName, team.Select(a => ShareOf(a?.MeanPoints, a?.Max ?? 0)).ToList()),
                new ChartSeries(l["Dashboards.Organisation"], organisation.Select(a => ShareOf(a?.MeanPoints, a?.Max ?? 0)).ToList(), Dashed: true),
            ],
            new SheetTable(l["Dashboards.Sheet.TrendIndicator"], title,
                [l["Dashboards.Col.Round"], l["Dashboards.Col.Max"], l["Dashboards.Col.TeamMeanPoints"], l["Dashboards.Col.TeamShareOfMax"], l["Dashboards.Col.OrganisationShareOfMax"]],
                points.Select((p, i) => (IReadOnlyList<object?>)[p.RoundName, team[i]?.Max ?? organisation[i]?.Max, Figure.Round(team[i]?.MeanPoints, FigureKind.Points),
                    new TableFigure(ShareOf(team[i]?.MeanPoints, team[i]?.Max ?? 0), FigureKind.Percent),
                    new TableFigure(ShareOf(organisation[i]?.MeanPoints, organisation[i]?.Max ?? 0), FigureKind.Percent)]).ToList()),
            Max: 100)
        {
            Unit = "%",
            Titles = TrendTitles(points),
        };
    }

    /// <summary>
    /// The trend charts' axis labels. A Chinese UI names each round (as its name usually says when, "2026年11月…"); any
    /// other UI dates it in its own format instead ("Nov 2026" for a month's round, else the period's first day), since
    /// round names are Chinese data; the tooltip then names the round (<see cref="TrendTitles"/>).
    /// </summary>
    public static IReadOnlyList<string> TrendLabels(IReadOnlyList<TrendPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return ShowsRoundNames ? points.Select(p => p.RoundName).ToList() : points.Select(p => PeriodLabel(p.PeriodStart, p.PeriodEnd)).ToList();
    }

    /// <summary>The trend charts' tooltip titles: null in a Chinese UI (the label, the round's name), else the round's name and period.</summary>
    public static IReadOnlyList<string>? TrendTitles(IReadOnlyList<TrendPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return ShowsRoundNames ? null : points.Select(p => $"{p.RoundName} · {Display.Date(p.PeriodStart)} – {Display.Date(p.PeriodEnd)}").ToList();
    }

    private static bool ShowsRoundNames => string.Equals(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, "zh", StringComparison.Ordinal);

    private static string PeriodLabel(DateOnly start, DateOnly end) =>
        start.Day == 1 && end == start.AddMonths(1).AddDays(-1)
            ? start.ToString("MMM yyyy", CultureInfo.CurrentCulture)
            : Display.Date(start);

    public static string Json(DashboardChart chart) => System.Text.Json.JsonSerializer.Serialize(new
    {
        id = chart.Id,
        type = chart.Type,
        labels = chart.Labels,
        horizontal = chart.Horizontal,
        max = chart.Max,
        markers = chart.Markers ?? [],
        markerLabel = chart.MarkerLabel,
        unit = chart.Unit,
        wholeNumbers = chart.WholeNumbers,
        valueLabels = chart.ValueLabels,
        titles = chart.Titles,
        series = chart.Series.Select(s => new { label = s.Label, values = s.Values, dashed = s.Dashed }),
    });

    /// <summary>
    /// A mean as a percentage of its maximum, from the full-precision mean, rounded once (the chart and the table get
    /// the same number).
    /// </summary>
    private static decimal? ShareOf(decimal? mean, decimal max) =>
        mean is { } m && max > 0 ? Figure.Round(100m * m / max, FigureKind.Percent) : null;

    /// <summary>
    /// A table cell: a plain decimal in these tables is a score, points, a weight or a maximum beside them, all one
    /// decimal (<see cref="FigureKind.Score"/>); a percentage is a <see cref="TableFigure"/> ("96.4%", a "0.0%" cell in
    /// the workbook); whole numbers are counts.
    /// </summary>
    public static string Cell(object? value) => value switch
    {
        null => "—",
        decimal d => Display.Format(d, FigureKind.Score),
        TableFigure { Kind: FigureKind.Percent } f => Display.Percent(f.Value),
        TableFigure f => Display.Format(f.Value, f.Kind),
        int i => i.ToString(CultureInfo.CurrentCulture),
        DateOnly date => date.ToString("d", CultureInfo.CurrentCulture),
        _ => Convert.ToString(value, CultureInfo.CurrentCulture) ?? "",
    };
}
