using ServiceReview.Infrastructure.Rounds;

namespace ServiceReview.Web.Models.Rounds;

public sealed record RoundIndexViewModel(RoundListPage Page, string? Search);
