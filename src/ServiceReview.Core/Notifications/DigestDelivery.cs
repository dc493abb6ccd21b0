using ServiceReview.Core.Common;

namespace ServiceReview.Core.Notifications;

/// <summary>
/// The weekly digest e-mail (周报) sent to one person for one week. Unique per person and week, so two instances of the
/// background job that build the same digest at the same moment store it, and its e-mail, once: the second insert fails
/// and is dropped with the e-mail queued in the same save. The latest row is the last week sent.
/// </summary>
public sealed class DigestDelivery : Entity
{
    private DigestDelivery()
    {
    }

    public DigestDelivery(int personId, DateOnly weekStart, DateTime utcNow)
    {
        if (weekStart.DayOfWeek != DayOfWeek.Monday)
        {
            throw new ArgumentException("A digest week starts on a Monday.", nameof(weekStart));
        }

        PersonId = personId;
        WeekStart = weekStart;
        CreatedAt = utcNow;
    }

    public int PersonId { get; private set; }

    /// <summary>The Monday the week starts on, in the organisation's time zone.</summary>
    public DateOnly WeekStart { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>The Monday of the week <paramref name="day"/> falls in.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
