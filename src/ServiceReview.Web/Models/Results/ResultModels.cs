using System.ComponentModel.DataAnnotations;
using ServiceReview.Infrastructure.Results;

namespace ServiceReview.Web.Models.Results;

public sealed class ResultsIndexViewModel
{
    public required bool IsManager { get; init; }

    public required IReadOnlyList<RoundSummary> Rounds { get; init; }

    public required IReadOnlyList<ResultLink> Links { get; init; }
}

public sealed class RoundResultsViewModel
{
    public required RoundResults Results { get; init; }
}

public sealed class TeamResultViewModel
{
    public required RoundResults Results { get; init; }

    public required TeamResult Team { get; init; }

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
