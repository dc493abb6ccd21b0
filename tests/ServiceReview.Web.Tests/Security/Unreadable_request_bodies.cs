using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceReview.Web.Startup;

namespace ServiceReview.Web.Tests.Security;

/// <summary>
/// The safety net behind the form filter: an exception that means "the request body is unreadable" becomes 400 (or
/// Kestrel's own status); any other exception, even of the same type from the app's own code, stays a 500.
/// </summary>
public sealed class Unreadable_request_bodies
{
    [Fact]
    public async Task An_InvalidDataException_from_the_multipart_reader_is_a_400()
    {
        var context = FormContext("/ServiceRecords/Import");
        var thrown = await ReadMalformedMultipartAsync();

        Assert.Equal(StatusCodes.Status400BadRequest, MalformedRequests.StatusFor(context, thrown));
    }

    [Fact]
    public void Kestrels_bad_request_keeps_its_status()
    {
        var context = FormContext("/api/plans/import");

        Assert.Equal(413, MalformedRequests.StatusFor(context, new BadHttpRequestException("Request body too large.", 413)));
    }

    [Fact]
    public void The_same_exception_type_thrown_by_the_apps_own_code_is_not_a_client_error()
    {
        var context = FormContext("/ServiceRecords/Import");

        Assert.Null(MalformedRequests.StatusFor(context, Thrown(() => throw new InvalidDataException("a broken workbook"))));
        Assert.Null(MalformedRequests.StatusFor(context, Thrown(() => throw new IOException("disk full"))));
    }

    [Fact]
    public async Task A_request_that_is_not_a_form_is_left_alone()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";

        Assert.Null(MalformedRequests.StatusFor(context, await ReadMalformedMultipartAsync()));
    }

    [Fact]
    public async Task The_middleware_answers_400_with_a_problem_body_under_api_and_rethrows_anything_else()
    {
        var api = FormContext("/api/teams/1/service-records/import");
        api.Response.Body = new MemoryStream();
        var malformed = await ReadMalformedMultipartAsync();

        // Rethrown as await does (ExceptionDispatchInfo), so the exception still names the reader that threw it.
        await new MalformedRequests(_ =>
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(malformed).Throw();
            return Task.CompletedTask;
        }, NullLogger<MalformedRequests>.Instance).InvokeAsync(api);

        Assert.Equal(400, api.Response.StatusCode);
        Assert.Equal("application/problem+json", api.Response.ContentType);
        var other = new MalformedRequests(_ => throw new InvalidOperationException("a bug"), NullLogger<MalformedRequests>.Instance);
        await Assert.ThrowsAsync<InvalidOperationException>(() => other.InvokeAsync(FormContext("/api/x")));
    }

    private static DefaultHttpContext FormContext(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = path;
        context.Request.ContentType = "multipart/form-data; boundary=abc";
        return context;
    }

    /// <summary>What the framework's multipart reader throws for a body whose part never ends.</summary>
    private static async Task<Exception> ReadMalformedMultipartAsync()
    {
        var body = new MemoryStream(Encoding.ASCII.GetBytes("--abc\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno end"));
        var reader = new MultipartReader("abc", body);
        try
        {
            var section = await reader.ReadNextSectionAsync();
            await section!.Body.CopyToAsync(Stream.Null);
            await reader.ReadNextSectionAsync();
        }
#pragma warning disable CA1031 // The test asserts on whatever was thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex;
        }

        throw new InvalidOperationException("The multipart reader accepted a body that never ends.");
    }

    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
#pragma warning disable CA1031 // The test asserts on whatever was thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex;
        }

        throw new InvalidOperationException("Nothing was thrown.");
    }
}
