using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Analytics;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Features.Reviews;

namespace ServiceReview.Web.Features.Analytics;

/// <summary>Agreement on one indicator: Krippendorff's alpha with the metric used and how many teams could be paired.</summary>
public sealed record IndicatorAgreement(string Code, string Name, RuleKind Kind, AlphaMetric Metric, double? Alpha, AgreementReading? Reading, int Units);

/// <summary>An inspection behind a signal, with what a manager needs to find it (the team result page).</summary>
public sealed record SignalInspectionLink(int Id, int TeamId, string Team, string Inspector);

/// <summary>A signal with names, ready for a page.</summary>
public sealed record RoundSignal(Signal Signal, string? Inspector, IReadOnlyList<SignalInspectionLink> Inspections);

/// <summary>
/// A round's agreement and signals. Totals: alpha (interval) and the ICC that fits the design over confirmed
/// inspections' totals before veto (units = teams, raters = inspectors); per indicator: alpha over the points.
/// </summary>
public sealed record RoundAgreement(
    RoundSummary Round,
    int Teams,
    int ConfirmedInspections,
    double? AlphaInterval,
    AgreementReading? AlphaReading,
    IccResult Icc,
    AgreementReading? IccReading,
    IReadOnlyList<IndicatorAgreement> Indicators,
    IReadOnlyList<RoundSignal> Signals,
    SignalBounds Bounds);

/// <summary>The round dashboard's figures: agreement on totals and per indicator, and the signals (docs/accuracy.md).</summary>
public sealed class RoundAgreementService(ServiceReviewDbContext db, AnalyticsOptions options)
{
    private static readonly InspectionStatus[] Scored = [InspectionStatus.Submitted, InspectionStatus.Disputed, InspectionStatus.Confirmed];

    /// <summary>Null for an unknown round.</summary>
    public async Task<RoundAgreement?> ComputeAsync(int roundId, CancellationToken cancellationToken = default)
    {
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return null;
        }

        var plan = await InspectionSheetLoader.LoadPlanAsync(db, round.PlanVersionId, cancellationToken);
        var inspections = await db.Inspections.AsNoTracking()
            .Where(i => i.RoundId == roundId && Scored.Contains(i.Status))
            .Select(i => new { i.Id, i.TeamId, i.InspectorId, i.PlanVersionId, i.Status, i.TotalBeforeVeto, i.TimeSpentSeconds })
            .ToListAsync(cancellationToken);
        var entries = await (
                from i in db.Inspections
                where i.RoundId == roundId && Scored.Contains(i.Status)
                from e in i.Entries
                select new { InspectionId = i.Id, Entry = e })
            .AsNoTracking().ToListAsync(cancellationToken);

        var planIds = inspections.Select(i => i.PlanVersionId).Distinct().ToList();
        var times = await db.Inspections.AsNoTracking()
            .Where(i => planIds.Contains(i.PlanVersionId) && Scored.Contains(i.Status))
            .Select(i => new { i.PlanVersionId, i.TimeSpentSeconds })
            .ToListAsync(cancellationToken);
        var medians = times.GroupBy(t => t.PlanVersionId)
            .Select(g => (g.Key, Median: RoundSignals.Median(g.Select(t => t.TimeSpentSeconds).ToList(), options.Signals)))
            .Where(m => m.Median is not null)
            .ToDictionary(m => m.Key, m => m.Median!.Value);

        var teamIds = inspections.Select(i => i.TeamId).Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var personIds = inspections.Select(i => i.InspectorId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);

        // Agreement: confirmed inspections only (the results that count), totals before veto.
        var confirmed = inspections.Where(i => i.Status == InspectionStatus.Confirmed && i.TotalBeforeVeto is not null).ToList();
        var confirmedIds = confirmed.Select(i => i.Id).ToHashSet();
        var inspectorColumns = confirmed.Select(i => i.InspectorId).Distinct().Order().ToList();
        var teamRows = confirmed.Select(i => i.TeamId).Distinct().Order().ToList();
        List<IReadOnlyList<double?>> Matrix(Func<int, int, double?> value) =>
            teamRows.Select(t => (IReadOnlyList<double?>)inspectorColumns.Select(p => value(t, p)).ToArray()).ToList();

        var totalsByCell = confirmed.ToDictionary(i => (i.TeamId, i.InspectorId), i => (double)i.TotalBeforeVeto!.Value);
        var totalsMatrix = Matrix((t, p) => totalsByCell.TryGetValue((t, p), out var v) ? v : null);
        var alpha = KrippendorffAlpha.Compute(totalsMatrix, AlphaMetric.Interval);
        var icc = IntraclassCorrelation.ForDesign(totalsMatrix);

        var cellOf = confirmed.ToDictionary(i => i.Id, i => (i.TeamId, i.InspectorId));
        var pointsByIndicator = entries.Where(e => confirmedIds.Contains(e.InspectionId))
            .GroupBy(e => e.Entry.IndicatorCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Where(e => e.Entry.Points is not null).ToDictionary(e => cellOf[e.InspectionId], e => (double)e.Entry.Points!.Value), StringComparer.Ordinal);
        var indicators = plan.IndicatorsInOrder()
            .Select(indicator =>
            {
                var cells = pointsByIndicator.GetValueOrDefault(indicator.Code) ?? [];
                var matrix = Matrix((t, p) => cells.TryGetValue((t, p), out var v) ? v : null);
                var metric = indicator.Kind == RuleKind.Rating ? AlphaMetric.Ordinal : AlphaMetric.Interval;
                var value = KrippendorffAlpha.Compute(matrix, metric);
                return new IndicatorAgreement(indicator.Code, indicator.Name, indicator.Kind, metric, value, AgreementReadings.ForAlpha(value),
                    matrix.Count(r => r.Count(v => v.HasValue) >= 2));
            })
            .OrderBy(a => a.Alpha is null ? 1 : 0)
            .ThenBy(a => a.Alpha)
            .ToList();

        // Signals: everything handed in (submitted, disputed, confirmed), so a manager sees them before confirmation.
        var indicatorsByCode = plan.IndicatorsInOrder().ToDictionary(i => i.Code, StringComparer.Ordinal);
        var signalEntries = entries
            .Select(e => new SignalEntry(
                e.InspectionId,
                e.Entry.IndicatorCode,
                e.Entry.NotApplicable,
                e.Entry.MeasuredOverridden,
                indicatorsByCode.TryGetValue(e.Entry.IndicatorCode, out var indicator) && RoundSignals.IsExtreme(indicator, e.Entry.Points),
                e.Entry.Note?.Length ?? 0))
            .ToList();
        var signalInspections = inspections
            .Select(i => new SignalInspection(i.Id, i.TeamId, i.InspectorId, i.PlanVersionId, (double?)i.TotalBeforeVeto, i.TimeSpentSeconds))
            .ToList();
        var byId = inspections.ToDictionary(i => i.Id);
        var signals = RoundSignals.Compute(signalInspections, signalEntries, medians, options.Signals)
            .Select(s => new RoundSignal(
                s,
                s.InspectorId is { } who ? people.GetValueOrDefault(who) : null,
                s.InspectionIds.Select(id => byId[id])
                    .Select(i => new SignalInspectionLink(i.Id, i.TeamId, teams.GetValueOrDefault(i.TeamId) ?? "", people.GetValueOrDefault(i.InspectorId) ?? ""))
                    .OrderBy(l => l.Team, StringComparer.Ordinal).ThenBy(l => l.Id)
                    .ToList()))
            .ToList();

        return new RoundAgreement(
            RoundResultsService.Summary(round), teamRows.Count, confirmed.Count,
            alpha, AgreementReadings.ForAlpha(alpha), icc, AgreementReadings.ForIcc(icc.Value),
            indicators, signals, options.Signals);
    }
}
