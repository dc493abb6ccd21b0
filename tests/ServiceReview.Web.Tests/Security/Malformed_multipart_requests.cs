using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Security;

/// <summary>
/// An upload whose multipart body cannot be read (a bad boundary, a body cut short) is the client's fault: 400, never
/// 500, whether the antiforgery token travels in the form (the antiforgery check reads the form) or in the header
/// (model binding reads it).
/// </summary>
public sealed partial class Malformed_multipart_requests(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string Boundary = "----probe7MA4YWxkTrZu0gW";

    public static TheoryData<string, string> Bodies => new()
    {
        // The file part never ends: no closing boundary, the body stops mid-file.
        { "cut-short", $"multipart/form-data; boundary={Boundary}" },
        // The boundary in the header is not the one in the body.
        { "wrong-boundary", "multipart/form-data; boundary=not-the-one-in-the-body" },
        // Longer than the 70 characters that RFC 2046 allows.
        { "boundary-too-long", "multipart/form-data; boundary=" + new string('b', 200) },
        // No boundary at all.
        { "no-boundary", "multipart/form-data" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_form_upload_with_the_token_in_the_form_gets_400(string kind, string contentType)
    {
        var client = await factory.SignedInAsync("lead1@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");
        var token = await FormTokenAsync(client, $"/ServiceRecords/Import?teamId={teamId}");

        var response = await client.SendAsync(Request($"/ServiceRecords/Import?teamId={teamId}", contentType, Body(kind, token), header: null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_form_upload_with_the_token_in_the_header_gets_400(string kind, string contentType)
    {
        var client = await factory.SignedInAsync("lead1@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");
        var token = await MetaTokenAsync(client);

        var response = await client.SendAsync(Request($"/ServiceRecords/Import?teamId={teamId}", contentType, Body(kind, token: null), header: token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_JSON_upload_gets_400_with_a_problem_body(string kind, string contentType)
    {
        var client = await factory.SignedInAsync("lead1@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");
        var token = await MetaTokenAsync(client);

        var response = await client.SendAsync(Request($"/api/teams/{teamId}/service-records/import", contentType, Body(kind, token: null), header: token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_well_formed_upload_still_reaches_the_import()
    {
        var client = await factory.SignedInAsync("lead1@demo.local");
        var teamId = await factory.TeamLedByAsync("lead1@demo.local");
        var token = await MetaTokenAsync(client);
        var body = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"records.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            + "TicketId,Customer\r\n\r\n--" + Boundary + "--\r\n";

        var response = await client.SendAsync(Request($"/api/teams/{teamId}/service-records/import", $"multipart/form-data; boundary={Boundary}", body, header: token));

        // The file itself is wrong (missing columns): the import says so, the form reader did its job.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    private static string Body(string kind, string? token)
    {
        var builder = new StringBuilder();
        if (token is not null)
        {
            builder.Append($"--{Boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n");
        }

        builder.Append($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"records.csv\"\r\nContent-Type: text/csv\r\n\r\n");
        builder.Append("TicketId,Customer\r\nT-1,");
        if (kind != "cut-short")
        {
            builder.Append($"\r\n--{Boundary}--\r\n");
        }

        return builder.ToString();
    }

    private static HttpRequestMessage Request(string path, string contentType, string body, string? header)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (header is not null)
        {
            request.Headers.Add("RequestVerificationToken", header);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return request;
    }

    private static async Task<string> FormTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = FormTokenPattern().Match(html);
        Assert.True(match.Success, $"No form token on {path}.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static async Task<string> MetaTokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/");
        var match = MetaPattern().Match(html);
        Assert.True(match.Success);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();

    [GeneratedRegex("<meta name=\"request-verification-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaPattern();
}
