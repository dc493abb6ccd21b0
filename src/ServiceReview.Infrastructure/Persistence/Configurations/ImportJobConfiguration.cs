using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.ServiceRecords;

namespace ServiceReview.Infrastructure.Persistence.Configurations;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("ImportJobs");
        builder.HasOne<Team>().WithMany().HasForeignKey(j => j.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(j => j.Key).IsUnique();
        builder.Property(j => j.UserId).HasMaxLength(450);
        builder.Property(j => j.UserName).HasMaxLength(ImportJob.UserNameMaxLength).IsRequired();
        builder.Property(j => j.FileName).HasMaxLength(ImportJob.FileNameMaxLength).IsRequired();
        builder.Property(j => j.Failure).HasMaxLength(ImportJob.FailureMaxLength);

        // A worker saves the outcome only while it still holds the claim it ran under.
        builder.Property(j => j.ClaimedBy).HasMaxLength(ImportJob.ClaimMaxLength).IsConcurrencyToken();
        builder.Ignore(j => j.IsFinished);
        builder.Ignore(j => j.Percent);

        // What a worker looks for (the oldest waiting job), and a team's recent imports.
        builder.HasIndex(j => new { j.Status, j.CreatedAt });
        builder.HasIndex(j => new { j.TeamId, j.CreatedAt });
    }
}

internal sealed class ImportJobFileConfiguration : IEntityTypeConfiguration<ImportJobFile>
{
    public void Configure(EntityTypeBuilder<ImportJobFile> builder)
    {
        builder.ToTable("ImportJobFiles");
        builder.HasKey(f => f.ImportJobId);
        builder.Property(f => f.ImportJobId).ValueGeneratedNever();
        builder.HasOne<ImportJob>().WithOne().HasForeignKey<ImportJobFile>(f => f.ImportJobId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(f => f.Content).IsRequired();
    }
}
