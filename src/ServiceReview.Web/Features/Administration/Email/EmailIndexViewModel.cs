
namespace ServiceReview.Web.Features.Administration.Email;

public sealed class EmailIndexViewModel
{
    public required EmailOverview Overview { get; init; }
}
