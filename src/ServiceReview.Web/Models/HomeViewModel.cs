namespace ServiceReview.Web.Models;

public sealed class HomeViewModel
{
    public required string DisplayName { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    public required DateTime Today { get; init; }
}
