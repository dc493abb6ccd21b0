namespace ServiceReview.Web.Features.Errors;

public sealed class ErrorViewModel
{
    public string? RequestId { get; init; }

    public int StatusCode { get; init; } = 500;

    public bool ShowRequestId => !string.IsNullOrEmpty(RequestId);
}
