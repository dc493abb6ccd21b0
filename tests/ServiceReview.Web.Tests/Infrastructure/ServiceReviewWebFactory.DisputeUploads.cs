using System.Net.Http.Headers;
using System.Text;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>A file as a browser sends it in a multipart form: the field's name, the file's name and its bytes.</summary>
public sealed record UploadPart(string Field, string FileName, byte[] Content);

/// <summary>Helpers for the forms that take evidence files (disputes, the proof of a corrective action).</summary>
public sealed partial class ServiceReviewWebFactory
{
    /// <summary>The smallest files of each kind the attachment check tells apart by content.</summary>
    public static class UploadSamples
    {
        public static byte[] Pdf { get; } = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

        public static byte[] Png { get; } = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00];

        /// <summary>A Windows program's header: binary, of no accepted kind.</summary>
        public static byte[] Exe { get; } = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0xB8, 0x00];
    }

    /// <summary>Posts a multipart form (fields and files) with the antiforgery token of the page at <paramref name="pagePath"/>, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormWithFilesAsync(
        HttpClient client, string pagePath, string actionPath, IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<UploadPart> files)
    {
        var html = await client.GetStringAsync(pagePath);
        var token = Html.AttributeOf(html, "meta[name=request-verification-token]", "content");
        Assert.True(token is not null, $"No antiforgery token on {pagePath}.");
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)))
        {
            form.Add(new StringContent(value), name);
        }

        foreach (var file in files)
        {
            var content = new ByteArrayContent(file.Content);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, file.Field, file.FileName);
        }

        return await client.PostAsync(actionPath, form);
    }
}
