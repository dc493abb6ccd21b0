using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Infrastructure.Rounds;

namespace ServiceReview.Web.Models.Rounds;

public sealed record RoundIndexViewModel(Paged<RoundListItem> Page, string? Search, RoundStatus? Status)
{
    public bool Filtered => Search is not null || Status is not null;
}
