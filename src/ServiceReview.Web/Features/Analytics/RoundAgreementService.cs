using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Analytics;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Features.Results;

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

/// <summary>
/// The round dashboard's figures: agreement on totals and per indicator, and the signals (docs/accuracy.md). The
/// statistics are computed once per change of the results (<see cref="AnalyticsCache"/>); the round and the names are
/// read on every request.
/// </summary>
public sealed class RoundAgreementService(ServiceReviewDbContext db, AnalyticsOptions options, AnalyticsCache cache, RoundResultsService results, PlanVersionCache plans)
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

        var fingerprint = await AnalyticsCache.FingerprintAsync(db, results, cancellationToken);
        var figures = await cache.GetOrComputeAsync(
            "round:" + roundId.ToString(System.Globalization.CultureInfo.InvariantCulture), fingerprint, () => FiguresAsync(round, cancellationToken));

        // Names only of the teams and inspectors the signals name.
        var named = figures.Signals.SelectMany(s => s.InspectionIds).Select(id => figures.Named[id]).ToList();
        var teamIds = named.Select(i => i.TeamId).Distinct().ToList();
        var personIds = named.Select(i => i.InspectorId).Concat(figures.Signals.Where(s => s.InspectorId is not null).Select(s => s.InspectorId!.Value)).Distinct().ToList();
        var teams = teamIds.Count == 0 ? new Dictionary<int, string>() : await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var people = personIds.Count == 0 ? new Dictionary<int, string>() : await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        var signals = figures.Signals
            .Select(s => new RoundSignal(
                s,
                s.InspectorId is { } who ? people.GetValueOrDefault(who) : null,
                s.InspectionIds.Select(id => (Id: id, Who: figures.Named[id]))
                    .Select(i => new SignalInspectionLink(i.Id, i.Who.TeamId, teams.GetValueOrDefault(i.Who.TeamId) ?? "", people.GetValueOrDefault(i.Who.InspectorId) ?? ""))
                    .OrderBy(l => l.Team, StringComparer.Ordinal).ThenBy(l => l.Id)
                    .ToList()))
            .ToList();

        return new RoundAgreement(
            RoundResultsService.Summary(round), figures.Teams, figures.ConfirmedInspections,
            figures.AlphaInterval, AgreementReadings.ForAlpha(figures.AlphaInterval), figures.Icc, AgreementReadings.ForIcc(figures.Icc.Value),
            figures.Indicators, signals, options.Signals);
    }

    /// <summary>The round's statistics, without names: what <see cref="AnalyticsCache"/> keeps.</summary>
    private async Task<AgreementFigures> FiguresAsync(Round round, CancellationToken cancellationToken)
    {
        var roundId = round.Id;
        var plan = await plans.GetAsync(db, round.PlanVersionId, cancellationToken);
        var inspections = await db.Inspections.AsNoTracking()
            .Where(i => i.RoundId == roundId && Scored.Contains(i.Status))
            .Select(i => new { i.Id, i.TeamId, i.InspectorId, i.PlanVersionId, i.Status, i.TotalBeforeVeto, i.TimeSpentSeconds })
            .ToListAsync(cancellationToken);
        // Only the columns the figures read (not whole entries).
        var entries = await (
                from i in db.Inspections
                where i.RoundId == roundId && Scored.Contains(i.Status)
                from e in i.Entries
                select new { InspectionId = i.Id, e.IndicatorCode, e.Points, e.NotApplicable, e.MeasuredOverridden, e.Note })
            .AsNoTracking().ToListAsync(cancellationToken);

        var medians = new Dictionary<int, double>();
        foreach (var planId in inspections.Select(i => i.PlanVersionId).Distinct().Order())
        {
            if (await MedianSecondsAsync(planId, cancellationToken) is { } median)
            {
                medians[planId] = median;
            }
        }

        // Agreement: confirmed inspections only (the results that count), totals before veto. The sparse set of
        // (team, inspector) judgements sorted by team, then inspector: each team's values in one run, no matrix.
        var confirmed = inspections
            .Where(i => i.Status == InspectionStatus.Confirmed && i.TotalBeforeVeto is not null)
            .OrderBy(i => i.TeamId).ThenBy(i => i.InspectorId)
            .ToList();
        var confirmedIds = confirmed.Select(i => i.Id).ToHashSet();
        var byTeam = confirmed.GroupBy(i => i.TeamId).ToList();

        var alpha = KrippendorffAlpha.FromValues(byTeam.Select(g => (IReadOnlyList<double>)g.Select(i => (double)i.TotalBeforeVeto!.Value).ToArray()), AlphaMetric.Interval);
        var icc = IntraclassCorrelation.ForDesign(confirmed.Select(i => new Rating(i.TeamId, i.InspectorId, (double)i.TotalBeforeVeto!.Value)));

        var points = entries.Where(e => confirmedIds.Contains(e.InspectionId) && e.Points is not null)
            .ToDictionary(e => (e.InspectionId, e.IndicatorCode), e => (double)e.Points!.Value);
        var indicators = plan.IndicatorsInOrder()
            .Select(indicator =>
            {
                var units = byTeam
                    .Select(g => (IReadOnlyList<double>)g.Select(i => points.TryGetValue((i.Id, indicator.Code), out var v) ? v : (double?)null)
                        .Where(v => v.HasValue).Select(v => v!.Value).ToArray())
                    .ToList();
                var metric = indicator.Kind == RuleKind.Rating ? AlphaMetric.Ordinal : AlphaMetric.Interval;
                var value = KrippendorffAlpha.FromValues(units, metric);
                return new IndicatorAgreement(indicator.Code, indicator.Name, indicator.Kind, metric, value, AgreementReadings.ForAlpha(value),
                    units.Count(u => u.Count >= 2));
            })
            .OrderBy(a => a.Alpha is null ? 1 : 0)
            // Weakest first; values equal but for the last bits of floating point (the same judgements) keep plan order.
            .ThenBy(a => a.Alpha is { } x ? Math.Round(x, 12) : 0)
            .ToList();

        // Signals: everything handed in (submitted, disputed, confirmed), so a manager sees them before confirmation.
        var indicatorsByCode = plan.IndicatorsInOrder().ToDictionary(i => i.Code, StringComparer.Ordinal);
        var signalEntries = entries
            .Select(e => new SignalEntry(
                e.InspectionId,
                e.IndicatorCode,
                e.NotApplicable,
                e.MeasuredOverridden,
                indicatorsByCode.TryGetValue(e.IndicatorCode, out var indicator) && RoundSignals.IsExtreme(indicator, e.Points),
                e.Note?.Length ?? 0))
            .ToList();
        var signalInspections = inspections
            .Select(i => new SignalInspection(i.Id, i.TeamId, i.InspectorId, i.PlanVersionId, (double?)i.TotalBeforeVeto, i.TimeSpentSeconds))
            .ToList();
        var byId = inspections.ToDictionary(i => i.Id);
        var computed = RoundSignals.Compute(signalInspections, signalEntries, medians, options.Signals);
        var named = computed.SelectMany(s => s.InspectionIds).Distinct().ToDictionary(id => id, id => (byId[id].TeamId, byId[id].InspectorId));
        return new AgreementFigures(byTeam.Count, confirmed.Count, alpha, icc, indicators, computed, named);
    }

    private sealed record AgreementFigures(
        int Teams, int ConfirmedInspections, double? AlphaInterval, IccResult Icc, IReadOnlyList<IndicatorAgreement> Indicators,
        IReadOnlyList<Signal> Signals, IReadOnlyDictionary<int, (int TeamId, int InspectorId)> Named);

    /// <summary>
    /// The median time of every scored inspection made with the plan version (all rounds: the plan's usual pace),
    /// computed in the database: a count, then the one or two middle values in order. Null below
    /// <see cref="SignalBounds.MinInspectionsForMedian"/>, as <see cref="RoundSignals.Median"/> decides.
    /// </summary>
    private async Task<double?> MedianSecondsAsync(int planVersionId, CancellationToken cancellationToken)
    {
        var times = db.Inspections.AsNoTracking().Where(i => i.PlanVersionId == planVersionId && Scored.Contains(i.Status)).Select(i => i.TimeSpentSeconds);
        var count = await times.CountAsync(cancellationToken);
        if (count < Math.Max(1, options.Signals.MinInspectionsForMedian))
        {
            return null;
        }

        var middle = await times.OrderBy(t => t).Skip((count - 1) / 2).Take(count % 2 == 1 ? 1 : 2).ToListAsync(cancellationToken);
        return middle.Count == 1 ? middle[0] : (middle[0] + middle[1]) / 2.0;
    }
}
