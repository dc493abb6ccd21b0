using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Analytics;
using ServiceReview.Core.Calibration;
using ServiceReview.Core.Inspections;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Results;

namespace ServiceReview.Web.Features.Analytics;

/// <summary>One inspector's bias over a range of rounds: on the total and per category.</summary>
public sealed record InspectorBiasRow(
    int PersonId, string Name, string Email, int Scored, MeanWithInterval? Difference, BiasFlag? Flag,
    IReadOnlyList<CategoryBias> Categories)
{
    public int Shared => Difference?.Count ?? 0;
}

/// <summary>An inspector's mean difference on one category's score (points of that category's weight).</summary>
public sealed record CategoryBias(string Code, MeanWithInterval? Difference);

/// <summary>The bias report: the range asked for, the rounds it covers, the bounds used, one row per inspector.</summary>
public sealed record InspectorBiasReport(
    DateOnly? From, DateOnly? To, int Rounds, BiasBounds Bounds, IReadOnlyList<(string Code, string Name)> Categories, IReadOnlyList<InspectorBiasRow> Inspectors);

/// <summary>
/// Inspector bias (宽严度) over the rounds whose service period falls within [from, to]: confirmed inspections only,
/// compared on the total before veto (a veto is a fact, not a judgement), with the same comparison per category.
/// Revealed calibration exercises count too when the manager chose so (totals only; they have no category scores).
/// Grouped queries (totals; category scores; calibration totals), then <see cref="InspectorBias"/>.
/// </summary>
public sealed class InspectorBiasService(ServiceReviewDbContext db, AnalyticsOptions options, AnalyticsCache cache, RoundResultsService results)
{
    /// <summary>Every inspector's row, with category differences (the JSON and the contract tests read all of them).</summary>
    public async Task<InspectorBiasReport> ComputeAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var report = await ReportAsync(from, to, cancellationToken);
        var rows = await WithNamesAsync(report.Inspectors, cancellationToken);
        return report with { Inspectors = Sorted(rows, BiasListQuery.DefaultSort) };
    }

    /// <summary>
    /// One page of the report, searched and sorted (<see cref="BiasListQuery"/>), from the whole report (computed once per
    /// change of the results, <see cref="AnalyticsCache"/>) with the names read now.
    /// </summary>
    public async Task<InspectorBiasPage> PageAsync(DateOnly? from, DateOnly? to, BiasListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var report = await ReportAsync(from, to, cancellationToken);
        var all = await WithNamesAsync(report.Inspectors, cancellationToken);
        var search = query.Search?.Trim();
        var matching = string.IsNullOrEmpty(search)
            ? all
            : all.Where(r => r.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || r.Email.Contains(search, StringComparison.OrdinalIgnoreCase)).ToList();
        var sorted = Sorted(matching, query.SortKey);
        var page = PageMath.Clamp(query.Page.Page, sorted.Count, query.Page.Size);
        var shown = sorted.Skip((page - 1) * query.Page.Size).Take(query.Page.Size).ToList();
        return new InspectorBiasPage(
            report with { Inspectors = shown },
            new Paged<InspectorBiasRow>(shown, page, query.Page.Size, sorted.Count),
            all.Count,
            all.Count(r => r.Flag is not null),
            all.Any(r => r.Difference is not null));
    }

    /// <summary>The whole report over the range, every inspector with their category differences: once per change of the results.</summary>
    private async Task<InspectorBiasReport> ReportAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var fingerprint = await AnalyticsCache.FingerprintAsync(db, results, cancellationToken);
        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"bias:{from:O}:{to:O}");
        return await cache.GetOrComputeAsync(key, fingerprint, async () =>
        {
            var totals = await TotalsAsync(from, to, cancellationToken);
            return await WithCategoriesAsync(totals, cancellationToken);
        });
    }

    /// <summary>The rows with their inspectors' names and e-mail addresses as they are now (a cached report may be older than a rename).</summary>
    private async Task<List<InspectorBiasRow>> WithNamesAsync(IReadOnlyList<InspectorBiasRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.PersonId).ToList();
        var people = ids.Count == 0
            ? []
            : await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => (p.DisplayName, p.Email), cancellationToken);
        return [.. rows.Select(r => people.TryGetValue(r.PersonId, out var p) ? r with { Name = p.DisplayName, Email = p.Email } : r)];
    }

    /// <summary>
    /// One inspector's difference from the others on the same teams (the figure of their row in the bias report,
    /// over all rounds, computed by the same code), and the same difference round by round (confirmed results only).
    /// </summary>
    public async Task<InspectorOwnBias> ForInspectorAsync(int personId, CancellationToken cancellationToken = default)
    {
        var totals = await TotalsAsync(null, null, cancellationToken, judgedBy: personId);
        var row = totals.Rows.FirstOrDefault(r => r.PersonId == personId);
        var mine = totals.Observations.Where(o => o.Inspector == personId && o.RoundId > 0).Select(o => (o.RoundId, o.TeamId)).ToHashSet();
        var groups = totals.Observations.Where(o => mine.Contains((o.RoundId, o.TeamId))).ToList();
        var roundIds = mine.Select(m => m.RoundId).Distinct().ToList();
        var rounds = await db.Rounds.AsNoTracking().Where(r => roundIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Name, r.PeriodStart }).ToListAsync(cancellationToken);
        var byRound = rounds
            .OrderByDescending(r => r.PeriodStart).ThenByDescending(r => r.Id)
            .Select(r =>
            {
                var inRound = groups.Where(o => o.RoundId == r.Id).ToList();
                var own = InspectorBias.Compute(inRound, options.Bias).FirstOrDefault(d => d.Inspector == personId);
                var myMean = inRound.Where(o => o.Inspector == personId).Select(o => o.Value).DefaultIfEmpty().Average();
                return new InspectorRoundBias(r.Id, r.Name, own?.Scored ?? 0, myMean, own?.Difference);
            })
            .ToList();
        return new InspectorOwnBias(personId, row?.Scored ?? 0, row?.Difference, row?.Flag, options.Bias, byRound);
    }

    /// <summary>
    /// Every confirmed total in the range (and the calibration scores that count), each inspector's difference on the
    /// total. With <paramref name="judgedBy"/>, only the teams and rounds (and exercises) that person judged: every
    /// score there, so that person's figures are the same as over everything.
    /// </summary>
    private async Task<BiasTotals> TotalsAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken, int? judgedBy = null)
    {
        var confirmed = Confirmed(from, to);
        if (judgedBy is { } person)
        {
            var judged = Confirmed(from, to).Where(j => j.InspectorId == person);
            confirmed = confirmed.Where(i => judged.Any(j => j.RoundId == i.RoundId && j.TeamId == i.TeamId));
        }

        var totals = await confirmed
            .Select(i => new { i.RoundId, i.TeamId, i.InspectorId, i.PlanVersionId, Total = i.TotalBeforeVeto!.Value })
            .AsNoTracking().ToListAsync(cancellationToken);

        // Calibration exercises the manager chose to count: each is one more "round" of one team (negative id, so
        // it never meets a real round), with the reference left out: bias is measured against fellow inspectors.
        var calibration = await (
                from c in db.CalibrationExercises
                where c.Status == CalibrationStatus.Revealed && c.CountsTowardBias
                      && (@from == null || c.PeriodStart >= @from) && (to == null || c.PeriodEnd <= to)
                      && (judgedBy == null || c.Scores.Any(s => s.PersonId == judgedBy && !s.IsReference && s.TotalBeforeVeto != null))
                from s in c.Scores
                where !s.IsReference && s.TotalBeforeVeto != null
                select new { ExerciseId = c.Id, c.TeamId, s.PersonId, Total = s.TotalBeforeVeto!.Value })
            .AsNoTracking().ToListAsync(cancellationToken);
        // Sums of doubles depend on their order, and providers return unordered rows in different orders (an arbitrated
        // inspection's rescored category rows, for one): a fixed order gives the same answer to the last digit everywhere.
        totals = [.. totals.OrderBy(t => t.RoundId).ThenBy(t => t.TeamId).ThenBy(t => t.InspectorId)];
        var observations = totals.Select(t => new ScoreObservation<int>(t.InspectorId, t.RoundId, t.TeamId, (double)t.Total))
            .Concat(calibration.Select(c => new ScoreObservation<int>(c.PersonId, -c.ExerciseId, c.TeamId, (double)c.Total)))
            .ToList();

        var personIds = observations.Select(o => o.Inspector).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.DisplayName, p.Email), cancellationToken);
        var planIds = totals.Select(t => t.PlanVersionId).Distinct().ToList();
        var categoryNames = planIds.Count == 0
            ? []
            : (await (
                    from v in db.PlanVersions
                    where planIds.Contains(v.Id)
                    from c in v.Categories
                    select new { c.Code, c.Name, v.Id })
                .AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(c => c.Id).GroupBy(c => c.Code).Select(g => (g.Key, g.Last().Name))
            .OrderBy(c => c.Key, StringComparer.Ordinal).ToList();

        var rows = InspectorBias.Compute(observations, options.Bias)
            .Select(b =>
            {
                var (name, email) = people.TryGetValue(b.Inspector, out var p) ? p : ("#" + b.Inspector, "");
                return new InspectorBiasRow(b.Inspector, name, email, b.Scored, b.Difference, b.Flag, []);
            })
            .ToList();
        return new BiasTotals(from, to, totals.Select(t => t.RoundId).Distinct().Count(), categoryNames, observations, rows);
    }

    private async Task<InspectorBiasReport> WithCategoriesAsync(BiasTotals totals, CancellationToken cancellationToken)
    {
        var rows = totals.Rows;
        var confirmed = Confirmed(totals.From, totals.To);
        var categoryScores = rows.Count == 0 ? [] : await (
                from i in confirmed
                from c in i.CategoryScores
                where !c.Excluded && c.Score != null
                select new { i.RoundId, i.TeamId, i.InspectorId, c.CategoryCode, Score = c.Score!.Value })
            .AsNoTracking().ToListAsync(cancellationToken);
        categoryScores = [.. categoryScores.OrderBy(c => c.RoundId).ThenBy(c => c.TeamId).ThenBy(c => c.InspectorId).ThenBy(c => c.CategoryCode, StringComparer.Ordinal)];
        var byCategory = categoryScores.GroupBy(c => c.CategoryCode).ToDictionary(
            g => g.Key,
            g => InspectorBias.Compute(g.Select(c => new ScoreObservation<int>(c.InspectorId, c.RoundId, c.TeamId, (double)c.Score)), options.Bias)
                .ToDictionary(r => r.Inspector, r => r.Difference),
            StringComparer.Ordinal);

        var withCategories = rows
            .Select(r => r with
            {
                Categories = totals.Categories
                    .Select(c => new CategoryBias(c.Code, byCategory.TryGetValue(c.Code, out var d) ? d.GetValueOrDefault(r.PersonId) : null))
                    .ToList(),
            })
            .ToList();
        return new InspectorBiasReport(totals.From, totals.To, totals.Rounds, options.Bias, totals.Categories, withCategories);
    }

    private IQueryable<Inspection> Confirmed(DateOnly? from, DateOnly? to)
    {
        var rounds = db.Rounds.Where(r => (from == null || r.PeriodStart >= from) && (to == null || r.PeriodEnd <= to));
        return
            from i in db.Inspections
            join r in rounds on i.RoundId equals r.Id
            where i.Status == InspectionStatus.Confirmed && i.TotalBeforeVeto != null
            select i;
    }

    private static List<InspectorBiasRow> Sorted(IEnumerable<InspectorBiasRow> rows, string sort)
    {
        var descending = sort.StartsWith('-');
        var ordered = sort.TrimStart('-') switch
        {
            BiasListQuery.Name => descending
                ? rows.OrderByDescending(r => r.Name, StringComparer.CurrentCulture)
                : rows.OrderBy(r => r.Name, StringComparer.CurrentCulture),
            BiasListQuery.Shared => descending ? rows.OrderByDescending(r => r.Shared) : rows.OrderBy(r => r.Shared),
            BiasListQuery.Scored => descending ? rows.OrderByDescending(r => r.Scored) : rows.OrderBy(r => r.Scored),
            // The mean difference: inspectors with none last either way.
            _ => descending
                ? rows.OrderByDescending(r => r.Difference?.Mean ?? double.MinValue)
                : rows.OrderBy(r => r.Difference is null ? 1 : 0).ThenBy(r => r.Difference?.Mean),
        };
        return [.. ordered.ThenBy(r => r.Email, StringComparer.Ordinal).ThenBy(r => r.PersonId)];
    }

    private sealed record BiasTotals(
        DateOnly? From, DateOnly? To, int Rounds, IReadOnlyList<(string Code, string Name)> Categories,
        IReadOnlyList<ScoreObservation<int>> Observations, IReadOnlyList<InspectorBiasRow> Rows);
}

/// <summary>
/// How the bias table is listed (query string <c>q</c>, <c>sort</c>, <c>page</c>, <c>size</c>): <c>sort</c> is
/// <c>mean</c>, <c>name</c>, <c>shared</c> or <c>scored</c>, with a leading <c>-</c> for high → low; the default is
/// <c>-mean</c> (the most lenient first, as the report has always been ordered).
/// </summary>
public sealed record BiasListQuery(string? Search, string? Sort, PageRequest Page)
{
    public const string Mean = "mean";

    public const string Name = "name";

    public const string Shared = "shared";

    public const string Scored = "scored";

    public const string DefaultSort = "-mean";

    /// <summary>The sort asked for when it is one of the four, otherwise <see cref="DefaultSort"/>.</summary>
    public string SortKey => Sort is { } s && s.TrimStart('-') is Mean or Name or Shared or Scored && s.LastIndexOf('-') <= 0 ? s : DefaultSort;
}

/// <summary>A page of the bias report, the number of inspectors in the whole report and how many of them are flagged.</summary>
public sealed record InspectorBiasPage(InspectorBiasReport Report, Paged<InspectorBiasRow> Rows, int Inspectors, int Flagged, bool AnyDifference);

/// <summary>An inspector's own figure beside the bias report's: overall, and per round (their mean total and difference).</summary>
public sealed record InspectorOwnBias(int PersonId, int Scored, MeanWithInterval? Difference, BiasFlag? Flag, BiasBounds Bounds, IReadOnlyList<InspectorRoundBias> Rounds);

/// <summary>One round: the inspector's confirmed inspections there, the mean of their totals, and their difference from the others.</summary>
public sealed record InspectorRoundBias(int RoundId, string Round, int Scored, double MyMean, MeanWithInterval? Difference);
