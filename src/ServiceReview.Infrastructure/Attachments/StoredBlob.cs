namespace ServiceReview.Infrastructure.Attachments;

/// <summary>The bytes of one stored file in the database store (<see cref="DatabaseAttachmentStore"/>).</summary>
public sealed class StoredBlob
{
    private StoredBlob()
    {
    }

    public StoredBlob(string key, byte[] content)
    {
        Key = key;
        Content = content;
    }

    public string Key { get; private set; } = "";

    public byte[] Content { get; private set; } = [];
}
