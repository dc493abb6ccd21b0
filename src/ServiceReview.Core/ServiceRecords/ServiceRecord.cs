using ServiceReview.Core.Common;

namespace ServiceReview.Core.ServiceRecords;

public enum ServiceChannel
{
    /// <summary>电话</summary>
    Phone,

    /// <summary>邮件</summary>
    Email,

    /// <summary>现场</summary>
    OnSite,

    /// <summary>即时通讯</summary>
    IM,

    /// <summary>其他</summary>
    Other,
}

public enum ServiceRequestType
{
    /// <summary>需求</summary>
    Request,

    /// <summary>投诉 / 抱怨</summary>
    Complaint,

    /// <summary>咨询</summary>
    Consultation,
}

/// <summary>
/// A customer-service record (客户服务记录 / 工单) of a team. Times are UTC instants; missing times are null.
/// The natural key is (team, ticket id): re-importing a ticket updates it.
/// </summary>
public sealed class ServiceRecord : Entity
{
    private ServiceRecord()
    {
    }

    public ServiceRecord(int teamId, string ticketId)
    {
        if (string.IsNullOrWhiteSpace(ticketId))
        {
            throw new DomainException("ServiceRecord.TicketIdRequired", "A service record needs a ticket id.");
        }

        TeamId = teamId;
        TicketId = ticketId.Trim();
    }

    public int TeamId { get; private set; }

    public string TicketId { get; private set; } = "";

    public string? Customer { get; private set; }

    public ServiceChannel? Channel { get; private set; }

    public ServiceRequestType? Type { get; private set; }

    public string? Summary { get; private set; }

    public DateTime? ReceivedAt { get; private set; }

    public DateTime? FirstResponseAt { get; private set; }

    public DateTime? ResolvedAt { get; private set; }

    public bool? ResolvedAtFirstContact { get; private set; }

    public string? Handler { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public DateTime? ArchivedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Replaces every field (an edit in the browser, or a re-import of the same ticket).</summary>
    public void Update(ServiceRecordData data, DateTime utcNow)
    {
        if (data.ReceivedAt is { } received)
        {
            if (data.FirstResponseAt < received)
            {
                throw new DomainException("ServiceRecord.ResponseBeforeReceipt", "The first response is earlier than the receipt.");
            }

            if (data.ResolvedAt < received)
            {
                throw new DomainException("ServiceRecord.ResolvedBeforeReceipt", "The resolution is earlier than the receipt.");
            }
        }

        if (data.ClosedAt is { } closed && data.ArchivedAt < closed)
        {
            throw new DomainException("ServiceRecord.ArchivedBeforeClosed", "The archive time is earlier than the closing time.");
        }

        Customer = Clean(data.Customer);
        Channel = data.Channel;
        Type = data.Type;
        Summary = Clean(data.Summary);
        ReceivedAt = data.ReceivedAt;
        FirstResponseAt = data.FirstResponseAt;
        ResolvedAt = data.ResolvedAt;
        ResolvedAtFirstContact = data.ResolvedAtFirstContact;
        Handler = Clean(data.Handler);
        ClosedAt = data.ClosedAt;
        ArchivedAt = data.ArchivedAt;
        UpdatedAt = utcNow;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The editable fields of a service record, all optional (a missing one makes the record incomplete).</summary>
public sealed record ServiceRecordData
{
    public string? Customer { get; init; }

    public ServiceChannel? Channel { get; init; }

    public ServiceRequestType? Type { get; init; }

    public string? Summary { get; init; }

    public DateTime? ReceivedAt { get; init; }

    public DateTime? FirstResponseAt { get; init; }

    public DateTime? ResolvedAt { get; init; }

    public bool? ResolvedAtFirstContact { get; init; }

    public string? Handler { get; init; }

    public DateTime? ClosedAt { get; init; }

    public DateTime? ArchivedAt { get; init; }
}
