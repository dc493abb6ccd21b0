using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Common;

namespace ServiceReview.Web.Features.Rounds;

public sealed record RoundIndexViewModel(Paged<RoundListItem> Page, string? Search, RoundStatus? Status)
{
    public bool Filtered => Search is not null || Status is not null;
}
