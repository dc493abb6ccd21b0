using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.ServiceRecords;

namespace ServiceReview.Infrastructure.Persistence.Configurations;

internal sealed class ServiceRecordConfiguration : IEntityTypeConfiguration<ServiceRecord>
{
    public void Configure(EntityTypeBuilder<ServiceRecord> builder)
    {
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.TicketId).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Customer).HasMaxLength(200);
        builder.Property(r => r.Summary).HasMaxLength(2000);
        builder.Property(r => r.Handler).HasMaxLength(100);

        // Natural key for re-imports, and the hot path of every metric: a team's records by received time.
        builder.HasIndex(r => new { r.TeamId, r.TicketId }).IsUnique();
        builder.HasIndex(r => new { r.TeamId, r.ReceivedAt });
    }
}
