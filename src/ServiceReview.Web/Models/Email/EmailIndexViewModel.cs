using ServiceReview.Infrastructure.Email;

namespace ServiceReview.Web.Models.Email;

public sealed class EmailIndexViewModel
{
    public required EmailOverview Overview { get; init; }
}
