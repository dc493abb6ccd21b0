using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Rounds;

namespace ServiceReview.Infrastructure.Persistence.Configurations;

internal sealed class StoredTeamResultConfiguration : IEntityTypeConfiguration<StoredTeamResult>
{
    public void Configure(EntityTypeBuilder<StoredTeamResult> builder)
    {
        builder.ToTable("StoredTeamResults");
        builder.HasKey(r => new { r.RoundId, r.TeamId });
        builder.HasOne<Round>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Grade).HasMaxLength(50);
        builder.Property(r => r.Figures).IsRequired();
        builder.HasIndex(r => new { r.RoundId, r.Rank });
        builder.HasIndex(r => new { r.TeamId, r.Grade });
    }
}

internal sealed class StoredRoundResultConfiguration : IEntityTypeConfiguration<StoredRoundResult>
{
    public void Configure(EntityTypeBuilder<StoredRoundResult> builder)
    {
        builder.ToTable("StoredRoundResults");
        builder.HasKey(r => r.RoundId);
        builder.Property(r => r.RoundId).ValueGeneratedNever();
        builder.HasOne<Round>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Figures).IsRequired();
    }
}
