using System.ComponentModel.DataAnnotations;
using ServiceReview.Core.Plans;
using ServiceReview.Infrastructure.Common;

namespace ServiceReview.Web.Features.Plans;

/// <summary>The plans page: every plan with its versions, and the form to start a new plan.</summary>
public sealed class PlanIndexViewModel
{
    public required Paged<PlanSummary> Plans { get; init; }

    public string? Search { get; init; }

    public NewPlanInput NewPlan { get; init; } = new();
}

public sealed class NewPlanInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200)]
    [Display(Name = "Plans.Field.PlanName")]
    public string Name { get; set; } = "";

    [StringLength(2000)]
    [Display(Name = "Plans.Field.Description")]
    public string? Description { get; set; }
}

/// <summary>One version, shown read-only (details) or as the editor's workspace (edit).</summary>
public sealed class PlanVersionViewModel
{
    public required PlanVersion Version { get; init; }

    /// <summary>What stops publishing, already in the user's language.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    public required IReadOnlyList<RoundUse> Rounds { get; init; }

    public required IReadOnlyList<(int Id, int Number, PlanVersionStatus Status)> Siblings { get; init; }

    public bool Editing { get; init; }

    public CategoryInput NewCategory { get; init; } = new();

    public IReadOnlyList<GradeBoundInput> GradeBounds { get; init; } = [];

    public decimal WeightSum => Version.Categories.Sum(c => c.Weight);
}

public sealed class CategoryInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(20)]
    [Display(Name = "Plans.Field.CategoryCode")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200)]
    [Display(Name = "Plans.Field.CategoryName")]
    public string Name { get; set; } = "";

    [Display(Name = "Plans.Field.Weight")]
    [Range(0, 100, ErrorMessage = "Plans.Validation.Range")]
    public decimal Weight { get; set; }

    public Guid Stamp { get; set; }
}

public sealed class GradeBoundInput
{
    [StringLength(20, ErrorMessage = "Plans.Validation.TooLong")]
    [Display(Name = "Plans.Field.Grade")]
    public string? Grade { get; set; }

    public decimal? Min { get; set; }

    /// <summary>What the English UI shows for the grade (optional; the Chinese name stays the grade's identity).</summary>
    [StringLength(GradeBound.EnglishLabelMaxLength, ErrorMessage = "Plans.Validation.TooLong")]
    [Display(Name = "Plans.Field.GradeEnglishLabel")]
    public string? EnglishLabel { get; set; }
}

public sealed class GradeBoundsInput
{
    public List<GradeBoundInput> Bounds { get; set; } = [];

    public Guid Stamp { get; set; }
}

/// <summary>The indicator form: every field of every rule kind; the kind decides which are used.</summary>
public sealed class IndicatorForm
{
    /// <summary>The code the indicator had when the form was opened; null for a new indicator.</summary>
    public string? OriginalCode { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    public string CategoryCode { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(20)]
    [Display(Name = "Plans.Field.Code")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200)]
    [Display(Name = "Plans.Field.IndicatorName")]
    public string Name { get; set; } = "";

    [StringLength(4000)]
    [Display(Name = "Plans.Field.Standard")]
    public string? Standard { get; set; }

    [Display(Name = "Plans.Field.Kind")]
    public RuleKind Kind { get; set; } = RuleKind.Rating;

    [Display(Name = "Plans.Field.Max")]
    public decimal Max { get; set; } = 5m;

    [Display(Name = "Plans.Field.NaAllowed")]
    public bool NaAllowed { get; set; }

    [Display(Name = "Plans.Field.Critical")]
    public bool Critical { get; set; }

    [Display(Name = "Plans.Field.Measure")]
    public MeasuredMetric? Measure { get; set; }

    [Display(Name = "Plans.Field.Levels")]
    public string? Levels { get; set; }

    [Display(Name = "Plans.Field.PerOccurrence")]
    public decimal? PerOccurrence { get; set; }

    [Display(Name = "Plans.Field.Bands")]
    public string? Bands { get; set; }

    [StringLength(20)]
    [Display(Name = "Plans.Field.Unit")]
    public string? Unit { get; set; }

    [Display(Name = "Plans.Field.MinValue")]
    public decimal? MinValue { get; set; }

    [Display(Name = "Plans.Field.MaxValue")]
    public decimal? MaxValue { get; set; }

    public Guid Stamp { get; set; }

    public static IndicatorForm From(string categoryCode, Indicator indicator, Guid stamp) => new()
    {
        OriginalCode = indicator.Code,
        CategoryCode = categoryCode,
        Code = indicator.Code,
        Name = indicator.Name,
        Standard = indicator.Standard,
        Kind = indicator.Kind,
        Max = indicator.Max,
        NaAllowed = indicator.NaAllowed,
        Critical = indicator.Critical,
        Measure = indicator.Measure,
        Levels = indicator.Kind == RuleKind.Rating ? string.Join("\n", indicator.Levels.Select(l => IndicatorParameters.FormatLevels([l]))) : null,
        PerOccurrence = indicator.PerOccurrence,
        Bands = indicator.Kind == RuleKind.Bands ? IndicatorParameters.FormatBands(indicator.Direction ?? BandDirection.HigherIsBetter, indicator.Bands).Replace("; ", "\n", StringComparison.Ordinal) : null,
        Unit = indicator.Unit,
        MinValue = indicator.MinValue,
        MaxValue = indicator.MaxValue,
        Stamp = stamp,
    };
}

public sealed class IndicatorFormViewModel
{
    public required PlanVersion Version { get; init; }

    public required IndicatorForm Input { get; init; }
}

/// <summary>The comparison page.</summary>
public sealed class PlanCompareViewModel
{
    public required PlanVersion Left { get; init; }

    public required PlanVersion Right { get; init; }

    public required IReadOnlyList<PlanDifference> Differences { get; init; }

    public required IReadOnlyList<(int Id, int Number, PlanVersionStatus Status)> Siblings { get; init; }
}

/// <summary>The import page: the upload form and, after a failed upload, the problems row by row.</summary>
public sealed class PlanImportViewModel
{
    public string? FileName { get; init; }

    public IReadOnlyList<ImportErrorRow> Errors { get; init; } = [];
}

public sealed record ImportErrorRow(string Sheet, int Row, string Column, string? Value, string Message);
