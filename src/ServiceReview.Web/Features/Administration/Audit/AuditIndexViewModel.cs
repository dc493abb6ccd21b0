using ServiceReview.Infrastructure.Audit;
using ServiceReview.Infrastructure.Common;

namespace ServiceReview.Web.Features.Administration.Audit;

/// <summary>The audit page: the filter as typed, one page of entries, the kinds to choose from, and a chain check when asked.</summary>
public sealed class AuditIndexViewModel
{
    public required Paged<AuditLogRow> Entries { get; init; }

    public required AuditLogFilter Filter { get; init; }

    public IReadOnlyList<string> Kinds { get; init; } = [];

    public AuditVerification? Verification { get; init; }

    public bool Filtered => Filter.Person is not null || Filter.Kind is not null || Filter.From is not null || Filter.To is not null;
}
