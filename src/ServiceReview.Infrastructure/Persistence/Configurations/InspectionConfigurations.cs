using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;

namespace ServiceReview.Infrastructure.Persistence.Configurations;

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> builder)
    {
        builder.HasOne<Round>().WithMany().HasForeignKey(i => i.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(i => i.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.InspectorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PlanVersion>().WithMany().HasForeignKey(i => i.PlanVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.Grade).HasMaxLength(20);
        builder.Property(i => i.VetoedBy).HasMaxLength(20);
        builder.Property(i => i.ReopenReason).HasMaxLength(2000);

        // Hot queries: a round's inspections by team and status; an inspector's own list.
        builder.HasIndex(i => new { i.RoundId, i.TeamId, i.Status });
        builder.HasIndex(i => new { i.InspectorId, i.Status });
        builder.HasIndex(i => new { i.RoundId, i.TeamId, i.InspectorId }).IsUnique();

        builder.HasMany(i => i.Entries).WithOne().HasForeignKey("InspectionId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Entries).HasField("_entries");
        builder.HasMany(i => i.CategoryScores).WithOne().HasForeignKey("InspectionId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.CategoryScores).HasField("_categoryScores");
        builder.Ignore(i => i.IsEditable);
        builder.Ignore(i => i.HasBeenSubmitted);
        builder.Ignore(i => i.HasMeasuredFigures);
    }
}

internal sealed class InspectionEntryConfiguration : IEntityTypeConfiguration<InspectionEntry>
{
    public void Configure(EntityTypeBuilder<InspectionEntry> builder)
    {
        builder.ToTable("InspectionEntries");
        builder.Property(e => e.IndicatorCode).HasMaxLength(20).IsRequired();
        builder.Property(e => e.Level).HasMaxLength(50);
        builder.Property(e => e.Note).HasMaxLength(4000);
        builder.HasIndex("InspectionId", nameof(InspectionEntry.IndicatorCode)).IsUnique();
        builder.Ignore(e => e.Input);
        builder.Ignore(e => e.MeasuredOverridden);
    }
}

internal sealed class InspectionCategoryScoreConfiguration : IEntityTypeConfiguration<InspectionCategoryScore>
{
    public void Configure(EntityTypeBuilder<InspectionCategoryScore> builder)
    {
        builder.ToTable("InspectionCategoryScores");
        builder.Property(c => c.CategoryCode).HasMaxLength(20).IsRequired();
        builder.HasIndex("InspectionId", nameof(InspectionCategoryScore.CategoryCode)).IsUnique();
    }
}

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> builder)
    {
        builder.HasOne<Inspection>().WithMany().HasForeignKey(d => d.InspectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.RaisedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.RuledById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.InspectionId, d.Status });
        builder.HasIndex(d => d.Status);
        builder.HasMany(d => d.Items).WithOne().HasForeignKey("DisputeId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Items).HasField("_items");
    }
}

internal sealed class DisputeItemConfiguration : IEntityTypeConfiguration<DisputeItem>
{
    public void Configure(EntityTypeBuilder<DisputeItem> builder)
    {
        builder.ToTable("DisputeItems");
        builder.Property(i => i.IndicatorCode).HasMaxLength(20).IsRequired();
        builder.Property(i => i.Reason).HasMaxLength(4000).IsRequired();
        builder.Property(i => i.Ruling).HasMaxLength(4000);
        builder.Property(i => i.OriginalLevel).HasMaxLength(50);
        builder.Property(i => i.OriginalNote).HasMaxLength(4000);
        builder.Property(i => i.RuledLevel).HasMaxLength(50);
        builder.Property(i => i.RuledNote).HasMaxLength(4000);
        builder.Ignore(i => i.Original);
        builder.Ignore(i => i.Ruled);
        builder.Ignore(i => i.ChangedScore);
    }
}
