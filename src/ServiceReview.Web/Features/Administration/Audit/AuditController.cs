using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Infrastructure.Audit;
using ServiceReview.Infrastructure.Common;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Administration.Audit;

/// <summary>
/// The administrator's audit page (审计日志): every audited action — sign-ins, account changes and the evaluation
/// journey — filtered by person, kind and date, paged; and a check of the log's hash chain that names the first
/// broken entry (ADR 0020).
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class AuditController(AuditLogService audit, AuditChainStore chain) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(string? person, string? kind, DateOnly? from, DateOnly? to, int? page, int? size, bool verify, CancellationToken cancellationToken)
    {
        var filter = new AuditLogFilter(PagingExtensions.NormaliseSearch(person), PagingExtensions.NormaliseSearch(kind), from, to);
        return View(new AuditIndexViewModel
        {
            Filter = filter,
            Entries = await audit.ListAsync(filter, PageRequest.Of(page, size, 50), cancellationToken),
            Kinds = await audit.KindsAsync(cancellationToken),
            Verification = verify ? await chain.VerifyAsync(cancellationToken) : null,
        });
    }
}
