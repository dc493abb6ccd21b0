using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceReview.Core.Audit;

namespace ServiceReview.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.Property(a => a.ActorUserId).HasMaxLength(450);
        builder.Property(a => a.ActorName).HasMaxLength(256).IsRequired();
        builder.Property(a => a.EntityType).HasMaxLength(64).IsRequired();
        builder.Property(a => a.EntityId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(64).IsRequired();
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        builder.HasIndex(a => a.At);

        // The hash chain (ADR 0020): the unique sequence serialises appends across instances.
        builder.Property(a => a.PreviousHash).HasMaxLength(64).IsUnicode(false);
        builder.Property(a => a.Hash).HasMaxLength(64).IsUnicode(false);
        builder.HasIndex(a => a.Sequence).IsUnique().HasDatabaseName(Persistence.AuditChainLinker.SequenceIndexName);
    }
}
