using ServiceReview.Core.Common;

namespace ServiceReview.Core.Feedback;

/// <summary>Feedback (反馈) to a team on its round result, from a manager or an inspector.</summary>
public sealed class FeedbackNote : Entity
{
    private FeedbackNote()
    {
    }

    public FeedbackNote(int roundId, int teamId, int authorId, string text, DateTime utcNow, int? inspectionId = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException("Feedback.TextRequired", "Feedback cannot be empty.");
        }

        RoundId = roundId;
        TeamId = teamId;
        AuthorId = authorId;
        Text = text.Trim();
        CreatedAt = utcNow;
        InspectionId = inspectionId;
    }

    public int RoundId { get; private set; }

    public int TeamId { get; private set; }

    public int? InspectionId { get; private set; }

    public int AuthorId { get; private set; }

    public string Text { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }
}
