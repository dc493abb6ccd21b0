using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ServiceReview.Web.Common;

/// <summary>
/// A one-line message shown once after a redirect (Post/Redirect/Get) by Views/Shared/_StatusMessage.
/// Store text that is already localised.
/// </summary>
public static class StatusMessage
{
    public const string MessageKey = "StatusMessage";
    public const string KindKey = "StatusKind";

    public static void SetStatus(this ITempDataDictionary tempData, string message, StatusKind kind = StatusKind.Success)
    {
        tempData[MessageKey] = message;
        tempData[KindKey] = kind.ToString();
    }
}

public enum StatusKind
{
    Success,
    Info,
    Warning,
    Danger,
}
