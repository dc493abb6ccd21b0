using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Helpers for the statistics and background-import tests.</summary>
public sealed partial class ServiceReviewWebFactory
{
    /// <summary>Posts a file to the import page as its form does; returns the response (a redirect to the progress page).</summary>
    public static async Task<HttpResponseMessage> PostImportPageAsync(HttpClient client, int teamId, byte[] content, string fileName, bool partial = false)
    {
        var token = await GetAntiforgeryTokenAsync(client, $"/ServiceRecords/Import?teamId={teamId}");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        if (partial)
        {
            form.Add(new StringContent("true"), "partial");
        }

        return await client.PostAsync($"/ServiceRecords/Import?teamId={teamId}", form);
    }

    /// <summary>The job id in the progress page's address the import page redirected to.</summary>
    public static Guid ImportJobId(HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!.OriginalString;
        Assert.Contains("/ServiceRecords/ImportProgress/", location);
        return Guid.Parse(location[(location.LastIndexOf('/') + 1)..]);
    }

    /// <summary>Polls the status endpoint as the page does until the import is done (or 30 s pass); returns the last status.</summary>
    public static async Task<JsonElement> WaitForImportAsync(HttpClient client, Guid jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await client.GetAsync($"/api/service-records/imports/{jobId}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (status.GetProperty("done").GetBoolean())
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, "The background import did not finish within 30 s.");
            await Task.Delay(100);
        }
    }
}
