using Microsoft.EntityFrameworkCore;
using ServiceReview.Infrastructure.Persistence;

namespace ServiceReview.Infrastructure.Attachments;

/// <summary>Attachments in the database (table <c>StoredBlobs</c>), saved in the same transaction as their rows.</summary>
public sealed class DatabaseAttachmentStore(ServiceReviewDbContext db) : IAttachmentStore
{
    public Task WriteAsync(string key, byte[] content, CancellationToken cancellationToken = default)
    {
        db.StoredBlobs.Add(new StoredBlob(key, content));
        return Task.CompletedTask;
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
        await db.StoredBlobs.AsNoTracking().Where(b => b.Key == key).Select(b => b.Content).FirstOrDefaultAsync(cancellationToken);
}
