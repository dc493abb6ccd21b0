using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceReview.Core.Organisation;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;

namespace ServiceReview.Infrastructure.Persistence.Configurations;

internal sealed class RoundConfiguration : IEntityTypeConfiguration<Round>
{
    public void Configure(EntityTypeBuilder<Round> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(200).IsRequired();
        builder.HasOne<PlanVersion>().WithMany().HasForeignKey(r => r.PlanVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.Status);
        builder.HasIndex(r => new { r.PeriodStart, r.PeriodEnd });
        builder.HasMany(r => r.Teams).WithOne().HasForeignKey("RoundId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Teams).HasField("_teams");
        builder.HasMany(r => r.Assignments).WithOne().HasForeignKey("RoundId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Assignments).HasField("_assignments");
    }
}

internal sealed class RoundTeamConfiguration : IEntityTypeConfiguration<RoundTeam>
{
    public void Configure(EntityTypeBuilder<RoundTeam> builder)
    {
        builder.ToTable("RoundTeams");
        builder.HasOne<Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex("RoundId", nameof(RoundTeam.TeamId)).IsUnique();
    }
}

internal sealed class RoundAssignmentConfiguration : IEntityTypeConfiguration<RoundAssignment>
{
    public void Configure(EntityTypeBuilder<RoundAssignment> builder)
    {
        builder.ToTable("RoundAssignments");
        builder.HasOne<Team>().WithMany().HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.InspectorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex("RoundId", nameof(RoundAssignment.TeamId), nameof(RoundAssignment.InspectorId)).IsUnique();
    }
}
