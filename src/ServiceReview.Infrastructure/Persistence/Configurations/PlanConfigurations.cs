using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceReview.Core.Plans;

namespace ServiceReview.Infrastructure.Persistence.Configurations;

internal sealed class EvaluationPlanConfiguration : IEntityTypeConfiguration<EvaluationPlan>
{
    public void Configure(EntityTypeBuilder<EvaluationPlan> builder)
    {
        builder.ToTable("Plans");
        builder.Property(p => p.Name).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(2000);
        builder.HasMany(p => p.Versions).WithOne().HasForeignKey(v => v.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Versions).HasField("_versions");
        builder.Ignore(p => p.NextVersionNumber);
    }
}

internal sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> builder)
    {
        builder.ToTable("PlanVersions");
        builder.Property(v => v.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(v => new { v.PlanId, v.Number }).IsUnique();
        builder.HasIndex(v => v.Status);

        // Value lists whose order matters are kept as JSON in the row: they are read and written with their version.
        builder.OwnsMany(v => v.GradeBounds, b =>
        {
            b.ToJson("GradeBounds");
            b.Property(g => g.Grade).HasMaxLength(20);
            b.Property(g => g.EnglishLabel).HasMaxLength(GradeBound.EnglishLabelMaxLength);
        });
        builder.Navigation(v => v.GradeBounds).HasField("_gradeBounds");

        builder.HasMany(v => v.Categories).WithOne().HasForeignKey(c => c.PlanVersionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(v => v.Categories).HasField("_categories");
        builder.Ignore(v => v.IsLocked);
    }
}

internal sealed class PlanCategoryConfiguration : IEntityTypeConfiguration<PlanCategory>
{
    public void Configure(EntityTypeBuilder<PlanCategory> builder)
    {
        builder.ToTable("PlanCategories");
        builder.Property(c => c.Code).HasMaxLength(20).IsRequired();
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(c => new { c.PlanVersionId, c.Code }).IsUnique();
        builder.HasMany(c => c.Indicators).WithOne().HasForeignKey(i => i.CategoryId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Indicators).HasField("_indicators");
        builder.Ignore(c => c.MaxPoints);
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.ToTable("Indicators");
        builder.Property(i => i.Code).HasMaxLength(20).IsRequired();
        builder.Property(i => i.Name).HasMaxLength(200).IsRequired();
        builder.Property(i => i.Standard).HasMaxLength(4000).IsRequired();
        builder.Property(i => i.Unit).HasMaxLength(20);
        builder.HasIndex(i => new { i.CategoryId, i.Code }).IsUnique();
        builder.OwnsMany(i => i.Bands, b => b.ToJson("Bands"));
        builder.Navigation(i => i.Bands).HasField("_bands");
        builder.OwnsMany(i => i.Levels, l =>
        {
            l.ToJson("Levels");
            l.Property(x => x.Label).HasMaxLength(50);
        });
        builder.Navigation(i => i.Levels).HasField("_levels");
    }
}
