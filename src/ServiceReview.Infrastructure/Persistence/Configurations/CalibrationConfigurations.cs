using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceReview.Core.Calibration;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;

namespace ServiceReview.Infrastructure.Persistence.Configurations;

internal sealed class CalibrationExerciseConfiguration : IEntityTypeConfiguration<CalibrationExercise>
{
    public void Configure(EntityTypeBuilder<CalibrationExercise> builder)
    {
        builder.ToTable("CalibrationExercises");
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PlanVersion>().WithMany().HasForeignKey(c => c.PlanVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.ReferencePersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(c => new { c.Status, c.PeriodStart });
        builder.HasMany(c => c.Scores).WithOne().HasForeignKey("CalibrationExerciseId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Scores).HasField("_scores");
    }
}

internal sealed class CalibrationScoreConfiguration : IEntityTypeConfiguration<CalibrationScore>
{
    public void Configure(EntityTypeBuilder<CalibrationScore> builder)
    {
        builder.ToTable("CalibrationScores");
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex("CalibrationExerciseId", nameof(CalibrationScore.PersonId)).IsUnique();
        builder.HasIndex(s => s.PersonId);
        builder.HasMany(s => s.Entries).WithOne().HasForeignKey("CalibrationScoreId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Entries).HasField("_entries");
    }
}

internal sealed class CalibrationEntryConfiguration : IEntityTypeConfiguration<CalibrationEntry>
{
    public void Configure(EntityTypeBuilder<CalibrationEntry> builder)
    {
        builder.ToTable("CalibrationEntries");
        builder.Property(e => e.IndicatorCode).HasMaxLength(20).IsRequired();
        builder.Property(e => e.Level).HasMaxLength(50);
        builder.Property(e => e.Note).HasMaxLength(4000);
        builder.HasIndex("CalibrationScoreId", nameof(CalibrationEntry.IndicatorCode)).IsUnique();
    }
}
