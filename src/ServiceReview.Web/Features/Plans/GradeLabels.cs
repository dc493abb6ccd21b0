using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceReview.Core.Plans;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Web.Features.Plans;

/// <summary>
/// The one rule for showing a grade (issue #17 item 7). A grade is stored, filtered, exported and sent as JSON by its
/// Chinese name (<see cref="GradeBound.Grade"/>); only its display changes with the UI culture: a Chinese UI shows the
/// Chinese name; any other shows the plan's <see cref="GradeBound.EnglishLabel"/>, else the built-in English name of a
/// default grade (优秀, 良好, 合格 and <see cref="PlanVersion.FailGrade"/>, from the resources), else the Chinese name.
/// </summary>
public sealed class GradeLabels(IStringLocalizer<SharedResource> localizer, PlanVersionCache cache, ServiceReviewDbContext db)
{
    /// <summary>The resource key of each default grade's built-in English name.</summary>
    private static readonly Dictionary<string, string> BuiltIn = new(StringComparer.Ordinal)
    {
        ["优秀"] = "Grade.Excellent",
        ["良好"] = "Grade.Good",
        ["合格"] = "Grade.Pass",
        [PlanVersion.FailGrade] = "Grade.Fail",
    };

    /// <summary>True when the current UI culture shows grades by their Chinese names (zh-CN, the default).</summary>
    public static bool ShowsChinese => string.Equals(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, "zh", StringComparison.Ordinal);

    /// <summary>The grade as the current UI culture shows it, under a plan version's <paramref name="bounds"/> (null: none known).</summary>
    public static string? Of(string? grade, IEnumerable<GradeBound>? bounds, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (grade is null || ShowsChinese)
        {
            return grade;
        }

        var own = bounds?.FirstOrDefault(b => string.Equals(b.Grade, grade, StringComparison.Ordinal))?.EnglishLabel;
        if (!string.IsNullOrWhiteSpace(own))
        {
            return own;
        }

        return BuiltIn.TryGetValue(grade, out var key) && localizer[key] is { ResourceNotFound: false } name ? name.Value : grade;
    }

    /// <summary>
    /// The built-in English name of a default grade whatever the UI language (the editor's placeholder: what the English
    /// UI shows while the label is empty), or null for a grade without one.
    /// </summary>
    public string? BuiltInEnglish(string? grade)
    {
        if (grade is null || !BuiltIn.TryGetValue(grade, out var key))
        {
            return null;
        }

        var ui = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Localisation.Cultures.English);
            return localizer[key] is { ResourceNotFound: false } name ? name.Value : null;
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }

    /// <summary>The grade as the current UI culture shows it, under <paramref name="plan"/>'s bounds.</summary>
    public string? Of(string? grade, PlanVersion? plan) => Of(grade, plan?.GradeBounds, localizer);

    /// <summary>The grade as the current UI culture shows it, under <paramref name="bounds"/>.</summary>
    public string? Of(string? grade, IEnumerable<GradeBound>? bounds) => Of(grade, bounds, localizer);

    /// <summary>Every grade of <paramref name="bounds"/> (and the fail grade), Chinese name → shown name, for a page's script.</summary>
    public IReadOnlyDictionary<string, string> Map(IEnumerable<GradeBound> bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        var list = bounds.ToList();
        return list.Select(b => b.Grade).Append(PlanVersion.FailGrade).Distinct(StringComparer.Ordinal)
            .ToDictionary(g => g, g => Of(g, list, localizer)!, StringComparer.Ordinal);
    }

    /// <summary>
    /// The names of the grades of lists that mix plan versions (by id): nothing is read in a Chinese UI; otherwise the
    /// versions' bounds come from <see cref="PlanVersionCache.GradeBoundsAsync"/> (one query for those not in memory yet).
    /// </summary>
    public async Task<GradeNames> ForVersionsAsync(IEnumerable<int> planVersionIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(planVersionIds);
        var bounds = ShowsChinese
            ? new Dictionary<int, IReadOnlyList<GradeBound>>()
            : await cache.GradeBoundsAsync(db, planVersionIds, cancellationToken);
        return new GradeNames(bounds, localizer);
    }

    /// <summary>For one plan version.</summary>
    public Task<GradeNames> ForVersionAsync(int planVersionId, CancellationToken cancellationToken = default) =>
        ForVersionsAsync([planVersionId], cancellationToken);
}

/// <summary>Grade names for the plan versions of a list (<see cref="GradeLabels.ForVersionsAsync"/>).</summary>
public sealed class GradeNames(IReadOnlyDictionary<int, IReadOnlyList<GradeBound>> bounds, IStringLocalizer localizer)
{
    /// <summary>The grade of a row that was scored under plan version <paramref name="planVersionId"/>, as the UI shows it.</summary>
    public string? Of(int planVersionId, string? grade) => GradeLabels.Of(grade, bounds.GetValueOrDefault(planVersionId), localizer);

    /// <summary>A grade met in several plan versions (a filter's choice): the first version that gives it an English label decides.</summary>
    public string? Of(string? grade) =>
        GradeLabels.Of(grade, bounds.OrderByDescending(b => b.Key).SelectMany(b => b.Value).Where(b => b.EnglishLabel is not null), localizer);
}
