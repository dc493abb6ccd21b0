using System.Globalization;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ServiceReview.Web.Features.Conversation;

/// <summary>
/// What the user typed in the conversation form when it was refused, carried over the redirect back to the record
/// (TempData), so that nothing they wrote is lost; with the message and the field it belongs to.
/// </summary>
public static class ConversationDrafts
{
    private const string Prefix = "Conversation.";

    public static void Keep(ITempDataDictionary tempData, int inspectionId, string? text, string? indicator, string field, string message)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        tempData[Prefix + "For"] = inspectionId.ToString(CultureInfo.InvariantCulture);
        tempData[Prefix + "Text"] = text ?? "";
        tempData[Prefix + "Indicator"] = indicator ?? "";
        tempData[Prefix + "Field"] = field;
        tempData[Prefix + "Error"] = message;
    }

    /// <summary>The kept draft of this record, read once; null when there is none.</summary>
    public static KeptDraft? Take(ITempDataDictionary tempData, int inspectionId)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        if (tempData.Peek(Prefix + "For") as string != inspectionId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        var draft = new KeptDraft(
            new CommentDraft(tempData[Prefix + "Text"] as string, tempData[Prefix + "Indicator"] as string),
            tempData[Prefix + "Field"] as string ?? "",
            tempData[Prefix + "Error"] as string ?? "");
        tempData.Remove(Prefix + "For");
        return draft;
    }
}

/// <summary>A refused comment: what was typed, the field the message is about (<c>text</c>, <c>indicator</c>, <c>file</c> or "") and the message.</summary>
public sealed record KeptDraft(CommentDraft Draft, string Field, string Message);
