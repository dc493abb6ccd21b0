using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceReview.Core.Organisation;

namespace ServiceReview.Infrastructure.Persistence.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Customer).HasMaxLength(200).IsRequired();
        builder.Property(p => p.TimeZoneId).HasMaxLength(64).IsRequired();
        builder.HasIndex(p => p.Name).IsUnique();
        // A complex type (value semantics): every project may share the ServiceLimits.Default instance.
        builder.ComplexProperty(p => p.Limits, limits =>
        {
            limits.Property(l => l.FirstResponseHours).HasColumnName("FirstResponseLimitHours");
            limits.Property(l => l.ResolutionHours).HasColumnName("ResolutionLimitHours");
            limits.Property(l => l.ArchiveHours).HasColumnName("ArchiveLimitHours");
        });
        builder.OwnsOne(p => p.Calendar, calendar =>
        {
            calendar.ToTable("ProjectCalendars");
            calendar.Property(c => c.Days).HasColumnName("WorkDays");
            calendar.OwnsMany(c => c.Holidays, holiday =>
            {
                holiday.ToTable("ProjectHolidays");
                holiday.Property<int>("Id");
                holiday.HasKey("Id");
                holiday.Property(h => h.Name).HasMaxLength(100);
            });
            calendar.Navigation(c => c.Holidays).HasField("_holidays");
        });
        // Owned, so that a project always loads with its managers (the scope check needs them).
        builder.OwnsMany(p => p.Managers, manager =>
        {
            manager.ToTable("ProjectManagers");
            manager.WithOwner().HasForeignKey("ProjectId");
            manager.Property<int>("Id");
            manager.HasKey("Id");
            manager.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
            manager.HasIndex("ProjectId", nameof(ProjectManager.PersonId)).IsUnique();
        });
        builder.Navigation(p => p.Managers).HasField("_managers");
        builder.Ignore(p => p.ManagerIds);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("People");
        builder.Property(p => p.DisplayName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.Email).HasMaxLength(256).IsRequired();
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.HasIndex(p => p.UserId).IsUnique();
        builder.HasIndex(p => p.Email);
        builder.Property(p => p.DigestCulture).HasMaxLength(10);
        builder.OwnsOne(p => p.InspectorProfile, profile =>
        {
            profile.Property(i => i.Type).HasColumnName("InspectorType");
            profile.Property(i => i.YearsOfExperience).HasColumnName("InspectorYears");
        });
        // Owned, so that a person always loads with the projects they may inspect (the round rule needs them).
        builder.OwnsMany(p => p.InspectableProjects, project =>
        {
            project.ToTable("InspectorProjects");
            project.WithOwner().HasForeignKey("PersonId");
            project.Property<int>("Id");
            project.HasKey("Id");
            project.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Restrict);
            project.HasIndex("PersonId", nameof(InspectorProject.ProjectId)).IsUnique();
        });
        builder.Navigation(p => p.InspectableProjects).HasField("_inspectableProjects");
        builder.Ignore(p => p.InspectableProjectIds);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(t => new { t.ProjectId, t.Name }).IsUnique();
        builder.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.LeadId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Members).WithOne().HasForeignKey("TeamId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Members).HasField("_members");
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> builder)
    {
        builder.ToTable("TeamMembers");
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex("TeamId", nameof(TeamMember.PersonId)).IsUnique();
    }
}
