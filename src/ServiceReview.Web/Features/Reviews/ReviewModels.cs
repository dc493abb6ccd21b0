using System.ComponentModel.DataAnnotations;
using ServiceReview.Core.Inspections;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Features.Attachments;
using ServiceReview.Web.Features.Plans;

namespace ServiceReview.Web.Features.Reviews;

public sealed class ReviewIndexViewModel
{
    public required IReadOnlyList<ReviewListItem> ToReview { get; init; }

    public required Paged<ReviewListItem> History { get; init; }

    /// <summary>The grades' names in the user's language, for the plan versions of the listed inspections.</summary>
    public required GradeNames GradeNames { get; init; }

    public string? Search { get; init; }

    public InspectionStatus? Status { get; init; }

    public bool Filtered => Search is not null || Status is not null;
}

public sealed class ReviewPageViewModel
{
    public required InspectionSheet Sheet { get; init; }

    public Dispute? Dispute { get; init; }

    public required DisputeForm Form { get; init; }

    /// <summary>The files attached to the dispute, each with its indicator.</summary>
    public IReadOnlyList<AttachmentItem> DisputeAttachments { get; init; } = [];

    /// <summary>The largest file accepted (shown next to the file inputs).</summary>
    public long MaxFileBytes { get; init; }

    /// <summary>The form came back (an error): files chosen before are not kept and must be chosen again.</summary>
    public bool Returned { get; init; }

    public bool CanAct => Sheet.Status == InspectionStatus.Submitted;

    public IEnumerable<AttachmentItem> AttachmentsOf(string code) => DisputeAttachments.Where(a => a.IndicatorCode == code);
}

/// <summary>
/// The lead's dispute (issue #14): one item per indicator, disputed in place on its row; a disputed row (ticked by opening
/// its 申诉 control, or with a reason or files) needs a reason and may carry files.
/// </summary>
public sealed class DisputeForm
{
    public int Id { get; set; }

    public Guid Stamp { get; set; }

    public List<DisputeItemInput> Items { get; set; } = [];
}

public sealed class DisputeItemInput
{
    public string Code { get; set; } = "";

    /// <summary>Sent while the row's 申诉 control is open (by the page's script), so an open row without a reason is refused.</summary>
    public bool Selected { get; set; }

    [StringLength(4000)]
    public string? Reason { get; set; }

    /// <summary>Evidence for this indicator (the file input and the camera input post under the same name).</summary>
    public List<IFormFile> Files { get; set; } = [];

    public bool HasFiles => Files.Any(FormEvidence.IsPresent);

    /// <summary>A row is disputed when ticked, or when the lead wrote a reason or chose files for it.</summary>
    public bool IsDisputed => Selected || !string.IsNullOrWhiteSpace(Reason) || HasFiles;
}

/// <summary>One indicator's 申诉 control on the review page: its place in the form, what was posted, and its row.</summary>
public sealed record DisputeControl(int Index, DisputeItemInput Item, SheetRow Row, long MaxFileBytes, bool Returned);
