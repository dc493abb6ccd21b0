using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceReview.Core.Notifications;
using ServiceReview.Core.Organisation;

namespace ServiceReview.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasOne<Person>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(n => n.SubjectType).HasMaxLength(60).IsRequired();
        builder.Property(n => n.Link).HasMaxLength(Notification.LinkMaxLength).IsRequired();
        builder.Property(n => n.Key).HasMaxLength(Notification.KeyMaxLength).IsRequired();
        builder.Ignore(n => n.IsRead);

        // The dedupe: a second insert of the same reminder for the same person fails harmlessly.
        builder.HasIndex(n => new { n.RecipientId, n.Key }).IsUnique();
        builder.HasIndex(n => new { n.RecipientId, n.ReadAt });
        builder.HasIndex(n => new { n.RecipientId, n.CreatedAt });
    }
}

internal sealed class DigestDeliveryConfiguration : IEntityTypeConfiguration<DigestDelivery>
{
    public void Configure(EntityTypeBuilder<DigestDelivery> builder)
    {
        builder.ToTable("DigestDeliveries");
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);

        // The claim: one digest per person and week, however many instances build it at once.
        builder.HasIndex(d => new { d.PersonId, d.WeekStart }).IsUnique();
    }
}
