using ServiceReview.Core.ServiceRecords;

namespace ServiceReview.Web.Features.ServiceRecords.Import;

/// <summary>The columns of the service-record import file (contracts.md), with their Chinese and English headers.</summary>
public enum ImportColumn
{
    TicketId,
    Customer,
    Channel,
    Type,
    Summary,
    ReceivedAt,
    FirstResponseAt,
    ResolvedAt,
    ResolvedAtFirstContact,
    Handler,
    ClosedAt,
    ArchivedAt,
}

public static class ImportColumns
{
    /// <summary>Chinese header (the template's) and English header of each column, in template order.</summary>
    public static readonly IReadOnlyList<(ImportColumn Column, string Chinese, string English)> All =
    [
        (ImportColumn.TicketId, "工单号", "TicketId"),
        (ImportColumn.Customer, "客户", "Customer"),
        (ImportColumn.Channel, "渠道", "Channel"),
        (ImportColumn.Type, "类型", "Type"),
        (ImportColumn.Summary, "摘要", "Summary"),
        (ImportColumn.ReceivedAt, "受理时间", "ReceivedAt"),
        (ImportColumn.FirstResponseAt, "首次响应时间", "FirstResponseAt"),
        (ImportColumn.ResolvedAt, "解决时间", "ResolvedAt"),
        (ImportColumn.ResolvedAtFirstContact, "首次解决", "ResolvedAtFirstContact"),
        (ImportColumn.Handler, "处理人", "Handler"),
        (ImportColumn.ClosedAt, "关闭时间", "ClosedAt"),
        (ImportColumn.ArchivedAt, "归档时间", "ArchivedAt"),
    ];

    /// <summary>Columns a file must have: without them no row can be placed in a period.</summary>
    public static readonly IReadOnlyList<ImportColumn> Required = [ImportColumn.TicketId, ImportColumn.ReceivedAt];

    public static ImportColumn? FromHeader(string? header)
    {
        var text = Normalise(header);
        foreach (var (column, chinese, english) in All)
        {
            if (text == Normalise(chinese) || text == Normalise(english))
            {
                return column;
            }
        }

        return null;
    }

    public static ServiceChannel? ParseChannel(string text) => Normalise(text) switch
    {
        "电话" or "phone" or "tel" or "telephone" => ServiceChannel.Phone,
        "邮件" or "电子邮件" or "email" => ServiceChannel.Email,
        "现场" or "onsite" => ServiceChannel.OnSite,
        "即时通讯" or "im" or "微信" or "wechat" => ServiceChannel.IM,
        "其他" or "其它" or "other" => ServiceChannel.Other,
        _ => null,
    };

    public static ServiceRequestType? ParseType(string text) => Normalise(text) switch
    {
        "需求" or "request" => ServiceRequestType.Request,
        "投诉" or "抱怨" or "抱怨投诉" or "complaint" => ServiceRequestType.Complaint,
        "咨询" or "consultation" => ServiceRequestType.Consultation,
        _ => null,
    };

    public static bool? ParseYesNo(string text) => Normalise(text) switch
    {
        "是" or "yes" or "y" or "true" or "1" => true,
        "否" or "no" or "n" or "false" or "0" => false,
        _ => null,
    };

    // Case, spaces, hyphens and underscores do not matter: "E-mail", "On site", "received_at".
    private static string Normalise(string? text) =>
        new string((text ?? "").Trim().Trim('\uFEFF').ToLowerInvariant().Where(c => c is not (' ' or '-' or '_' or '\u3000')).ToArray());
}
