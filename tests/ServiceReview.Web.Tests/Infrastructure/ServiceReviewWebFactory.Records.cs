using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Helpers for the service-record tests.</summary>
public sealed partial class ServiceReviewWebFactory
{
    /// <summary>The id of the team the demo account leads.</summary>
    public Task<int> TeamLedByAsync(string email) => WithDbAsync(db =>
        db.Teams.Where(t => db.People.Any(p => p.Id == t.LeadId && p.Email == email)).Select(t => t.Id).SingleAsync());

    /// <summary>POSTs a file to the import endpoint with the antiforgery header, as the page's script does.</summary>
    public static async Task<HttpResponseMessage> PostImportAsync(HttpClient client, int teamId, byte[] content, string fileName, bool partial = false)
    {
        var html = await client.GetStringAsync("/");
        var token = MetaTokenOf(html) ?? "";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/teams/{teamId}/service-records/import{(partial ? "?partial=true" : "")}") { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }
}
