using Microsoft.Extensions.DependencyInjection;

namespace ServiceReview.Infrastructure.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit log's hash chain: checked and linked once (ADR 0020).</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services.AddScoped<AuditChainStore>();
}
