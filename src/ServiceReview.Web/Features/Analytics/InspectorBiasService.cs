using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Analytics;
using ServiceReview.Core.Calibration;
using ServiceReview.Core.Inspections;
using ServiceReview.Infrastructure.Persistence;

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
public sealed class InspectorBiasService(ServiceReviewDbContext db, AnalyticsOptions options)
{
    public async Task<InspectorBiasReport> ComputeAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var rounds = db.Rounds.Where(r => (from == null || r.PeriodStart >= from) && (to == null || r.PeriodEnd <= to));
        var confirmed =
            from i in db.Inspections
            join r in rounds on i.RoundId equals r.Id
            where i.Status == InspectionStatus.Confirmed && i.TotalBeforeVeto != null
            select i;

        var totals = await confirmed
            .Select(i => new { i.RoundId, i.TeamId, i.InspectorId, i.PlanVersionId, Total = i.TotalBeforeVeto!.Value })
            .AsNoTracking().ToListAsync(cancellationToken);
        var categoryScores = await (
                from i in confirmed
                from c in i.CategoryScores
                where !c.Excluded && c.Score != null
                select new { i.RoundId, i.TeamId, i.InspectorId, c.CategoryCode, Score = c.Score!.Value })
            .AsNoTracking().ToListAsync(cancellationToken);

        // Calibration exercises the manager chose to count: each is one more "round" of one team (negative id, so
        // it never meets a real round), with the reference left out: bias is measured against fellow inspectors.
        var calibration = await (
                from c in db.CalibrationExercises
                where c.Status == CalibrationStatus.Revealed && c.CountsTowardBias
                      && (@from == null || c.PeriodStart >= @from) && (to == null || c.PeriodEnd <= to)
                from s in c.Scores
                where !s.IsReference && s.TotalBeforeVeto != null
                select new { ExerciseId = c.Id, c.TeamId, s.PersonId, Total = s.TotalBeforeVeto!.Value })
            .AsNoTracking().ToListAsync(cancellationToken);
        // Sums of doubles depend on their order, and providers return unordered rows in different orders (an arbitrated
        // inspection's rescored category rows, for one): a fixed order gives the same answer to the last digit everywhere.
        totals = [.. totals.OrderBy(t => t.RoundId).ThenBy(t => t.TeamId).ThenBy(t => t.InspectorId)];
        categoryScores = [.. categoryScores.OrderBy(c => c.RoundId).ThenBy(c => c.TeamId).ThenBy(c => c.InspectorId).ThenBy(c => c.CategoryCode, StringComparer.Ordinal)];
        var observations = totals.Select(t => new ScoreObservation<int>(t.InspectorId, t.RoundId, t.TeamId, (double)t.Total))
            .Concat(calibration.Select(c => new ScoreObservation<int>(c.PersonId, -c.ExerciseId, c.TeamId, (double)c.Total)))
            .ToList();

        var personIds = observations.Select(o => o.Inspector).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.DisplayName, p.Email), cancellationToken);
        var planIds = totals.Select(t => t.PlanVersionId).Distinct().ToList();
        var categoryNames = (await (
                    from v in db.PlanVersions
                    where planIds.Contains(v.Id)
                    from c in v.Categories
                    select new { c.Code, c.Name, v.Id })
                .AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(c => c.Id).GroupBy(c => c.Code).Select(g => (g.Key, g.Last().Name))
            .OrderBy(c => c.Key, StringComparer.Ordinal).ToList();

        var totalBias = InspectorBias.Compute(observations, options.Bias);
        var byCategory = categoryScores.GroupBy(c => c.CategoryCode).ToDictionary(
            g => g.Key,
            g => InspectorBias.Compute(g.Select(c => new ScoreObservation<int>(c.InspectorId, c.RoundId, c.TeamId, (double)c.Score)), options.Bias)
                .ToDictionary(r => r.Inspector, r => r.Difference),
            StringComparer.Ordinal);

        var rows = totalBias
            .Select(b =>
            {
                var (name, email) = people.TryGetValue(b.Inspector, out var p) ? p : ("#" + b.Inspector, "");
                var categories = categoryNames
                    .Select(c => new CategoryBias(c.Key, byCategory.TryGetValue(c.Key, out var d) ? d.GetValueOrDefault(b.Inspector) : null))
                    .ToList();
                return new InspectorBiasRow(b.Inspector, name, email, b.Scored, b.Difference, b.Flag, categories);
            })
            .OrderByDescending(r => r.Difference?.Mean ?? double.MinValue)
            .ThenBy(r => r.Email, StringComparer.Ordinal)
            .ToList();

        return new InspectorBiasReport(from, to, totals.Select(t => t.RoundId).Distinct().Count(), options.Bias, categoryNames, rows);
    }
}
