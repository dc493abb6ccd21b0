using System.ComponentModel.DataAnnotations;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Features.Feedback;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Features.Reviews.Disputes;

namespace ServiceReview.Web.Features.Results;

public sealed class ResultsIndexViewModel
{
    public required bool IsManager { get; init; }

    public required Paged<RoundSummary> Rounds { get; init; }

    public required Paged<ResultLink> Links { get; init; }

    public string? Search { get; init; }

    public RoundStatus? Status { get; init; }

    public bool Filtered => Search is not null || Status is not null;
}

public sealed class ResultsSearchViewModel
{
    public required ResultsFilter Filter { get; init; }

    public required Paged<ResultRow> Rows { get; init; }

    public required IReadOnlyList<(int Id, string Name)> Projects { get; init; }

    public required IReadOnlyList<string> Grades { get; init; }

    /// <summary>The grades' names in the user's language (of the rows' plan versions and of the grade choice's).</summary>
    public required GradeNames GradeNames { get; init; }
}

public sealed class RoundResultsViewModel
{
    /// <summary>Teams per page unless the user chose another size.</summary>
    public const int DefaultSize = 50;

    public required RoundPage Page { get; init; }

    public required TeamsQuery Query { get; init; }
}

public sealed class TeamResultViewModel
{
    public required RoundResults Results { get; init; }

    public required TeamResult Team { get; init; }

    /// <summary>The round's plan's grade bounds, for the grades' names in the user's language.</summary>
    public IReadOnlyList<GradeBound> GradeBounds { get; init; } = [];

    /// <summary>How many teams the round ranks (the "rank n of N" beside the team's rank).</summary>
    public int TeamCount { get; init; }

    /// <summary>The rulings on the round's inspections, by inspection (ADR 0023); the page shows this team's.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<RulingFact>> Rulings { get; init; } = new Dictionary<int, IReadOnlyList<RulingFact>>();

    /// <summary>The inspections whose record the viewer may open (issue #14): only those get a link.</summary>
    public IReadOnlySet<int> Records { get; init; } = new HashSet<int>();

    public required IReadOnlyList<FeedbackItem> Feedback { get; init; }

    public required bool CanWriteFeedback { get; init; }

    public required bool CanRaiseActions { get; init; }

    public required bool ShowRanking { get; init; }

    public FeedbackForm Form { get; init; } = new();
}

public sealed class FeedbackForm
{
    public int RoundId { get; set; }

    public int TeamId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(4000)]
    [Display(Name = "Results.Feedback.Text")]
    public string? Text { get; set; }
}
