using System.ComponentModel.DataAnnotations;
using ServiceReview.Core.Feedback;
using ServiceReview.Infrastructure.Common;

namespace ServiceReview.Web.Features.Feedback;

public sealed class ActionIndexViewModel
{
    public required Paged<ActionListItem> Actions { get; init; }

    public string? Search { get; init; }

    public bool Filtered => Search is not null || Status is not null || Overdue;

    public CorrectiveActionStatus? Status { get; init; }

    public bool Overdue { get; init; }
}

public sealed class ActionDetailsViewModel
{
    public required ActionDetail Detail { get; init; }

    public ActionTransitionForm Form { get; init; } = new();

    /// <summary>The largest proof file accepted (shown next to the file inputs).</summary>
    public long MaxFileBytes { get; init; }

    /// <summary>The report came back with files chosen: they are not kept and must be chosen again.</summary>
    public bool FilesDropped { get; init; }
}

public sealed class ActionTransitionForm
{
    public int Id { get; set; }

    public Guid Stamp { get; set; }

    [StringLength(4000)]
    public string? Text { get; set; }

    /// <summary>Proof files sent with the report that the action is done (the file input and the camera input).</summary>
    public List<IFormFile> Files { get; set; } = [];
}

public sealed class RaiseActionsViewModel
{
    public required RaiseContext Context { get; init; }

    public required RaiseActionsForm Form { get; init; }
}

/// <summary>
/// Raise corrective actions: one row per indicator (weak ones pre-selected), a shared owner and due date, and each row's
/// own owner and due date where they differ (issue #17).
/// </summary>
public sealed class RaiseActionsForm
{
    public int RoundId { get; set; }

    public int TeamId { get; set; }

    public int? InspectionId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Actions.Owner")]
    public int? OwnerId { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Actions.DueDate")]
    public DateOnly? DueDate { get; set; }

    public List<RaiseActionItem> Items { get; set; } = [];
}

public sealed class RaiseActionItem
{
    public string Code { get; set; } = "";

    public bool Selected { get; set; }

    [StringLength(4000)]
    public string? Description { get; set; }

    /// <summary>This action's own owner; null for the shared one.</summary>
    public int? OwnerId { get; set; }

    /// <summary>This action's own due date; null for the shared one.</summary>
    public DateOnly? DueDate { get; set; }
}
