using System.Globalization;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Common;

namespace ServiceReview.Web.Features.Inspections;

public sealed class InspectionIndexViewModel
{
    public required Paged<InspectionListItem> Page { get; init; }

    /// <summary>The grades' names in the user's language, for the plan versions of the listed inspections.</summary>
    public required Plans.GradeNames GradeNames { get; init; }

    public string? Search { get; init; }

    public InspectionStatus? Status { get; init; }

    public bool Filtered => Search is not null || Status is not null;
}

/// <summary>What the checklist form posts (and the autosave sends): one item per indicator, as typed.</summary>
public sealed class FillForm
{
    public Guid Stamp { get; set; }

    /// <summary>Active seconds in the form since the last save (measured by the page).</summary>
    public int SecondsSpent { get; set; }

    /// <summary>"draft" or "submit".</summary>
    public string? Command { get; set; }

    public List<ItemForm> Items { get; set; } = [];
}

/// <summary>One indicator's fields, kept as text so that a value the server refuses is shown back exactly as typed.</summary>
public sealed class ItemForm
{
    public string Code { get; set; } = "";

    public string? Value { get; set; }

    public string? Count { get; set; }

    /// <summary>"true" or "false".</summary>
    public string? Pass { get; set; }

    public string? Level { get; set; }

    public bool Na { get; set; }

    public string? Note { get; set; }

    public static ItemForm From(string code, IndicatorInput input) => new()
    {
        Code = code,
        Value = input.Value?.ToString(CultureInfo.InvariantCulture),
        Count = input.Count?.ToString(CultureInfo.InvariantCulture),
        Pass = input.Pass is { } p ? (p ? "true" : "false") : null,
        Level = input.Level,
        Na = input.NotApplicable,
        Note = input.Note,
    };
}

/// <summary>The checklist page: the record's context, the plan's categories and indicators, and what is entered.</summary>
public sealed class FillViewModel
{
    public required int Id { get; init; }

    public required int PlanVersionId { get; init; }

    public required Guid Stamp { get; set; }

    public required string RoundName { get; init; }

    public required string ProjectName { get; init; }

    public required string TeamName { get; init; }

    public required DateOnly PeriodStart { get; init; }

    public required DateOnly PeriodEnd { get; init; }

    public required DateTime DueUtc { get; init; }

    public required bool WindowOpen { get; init; }

    public required int TimeSpentSeconds { get; init; }

    public required InspectionStatus Status { get; init; }

    public required IReadOnlyList<PlanCategory> Categories { get; init; }

    /// <summary>The plan's grade bounds: the live score's grade is shown by their names in the user's language.</summary>
    public IReadOnlyList<GradeBound> GradeBounds { get; init; } = [];

    /// <summary>Entries by indicator code (measured figures).</summary>
    public required IReadOnlyDictionary<string, InspectionEntry> Entries { get; init; }

    /// <summary>What the form shows, by indicator code.</summary>
    public required Dictionary<string, ItemForm> Items { get; init; }

    /// <summary>Problems next to each indicator, by code.</summary>
    public Dictionary<string, List<ItemProblem>> ItemErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>Problems for the summary at the top; a line about an indicator links to the field to fix.</summary>
    public List<SummaryLine> Summary { get; } = [];

    /// <summary>Set when a save met someone else's change: the page keeps what was typed and asks to reload.</summary>
    public string? Conflict { get; set; }

    /// <param name="aboutNote">The note is what is missing (the evidence rule), not the input: the summary links to the note.</param>
    public void AddItemError(string code, string message, bool aboutNote = false)
    {
        if (!ItemErrors.TryGetValue(code, out var list))
        {
            ItemErrors[code] = list = [];
        }

        list.Add(new ItemProblem(message, aboutNote));
    }
}

/// <summary>One problem shown next to an indicator; <see cref="AboutNote"/> when the missing part is its note.</summary>
public sealed record ItemProblem(string Message, bool AboutNote);

/// <summary>A line of the form's problem summary: about one indicator (<see cref="Code"/>) or about the whole record.</summary>
public sealed record SummaryLine(string Message, string? Code = null, bool AboutNote = false);

