using Microsoft.Extensions.Options;

namespace ServiceReview.Infrastructure.Attachments;

/// <summary>
/// Attachments as files in a folder (<c>Attachments:Folder</c>), two levels of sub-folders by key. Files are written
/// before the rows that name them are saved, so a failed save can leave an unnamed file behind (never the reverse).
/// </summary>
public sealed class FolderAttachmentStore(IOptions<AttachmentOptions> options) : IAttachmentStore
{
    public async Task WriteAsync(string key, byte[] content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".part";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: false);
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    private string PathOf(string key)
    {
        if (key.Length < 4 || !key.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("Not a store key.", nameof(key));
        }

        var root = Path.GetFullPath(options.Value.Folder);
        return Path.Combine(root, key[..2], key[2..4], key);
    }
}
