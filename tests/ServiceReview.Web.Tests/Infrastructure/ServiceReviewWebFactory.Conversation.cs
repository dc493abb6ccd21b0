using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Rounds;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>Helpers for the conversation tests: records of our own, comments posted as the API's callers do, small files.</summary>
public sealed partial class ServiceReviewWebFactory
{
    /// <summary>A fresh inspection of lead1's team by inspector1 in a new open round; submitted when asked.</summary>
    public async Task<int> ConversationRecordAsync(bool submitted)
    {
        var round = await CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [Lead1Team] = ["inspector1@demo.local"] });
        var id = round[Lead1Team, "inspector1@demo.local"];
        if (submitted)
        {
            await SubmitAsync(id, Inputs.WorkedExample());
        }

        return id;
    }

    /// <summary>The team's and the round's names of an inspection, as notifications name it.</summary>
    public Task<(string Team, string Round)> TeamAndRoundOfAsync(int inspectionId) => WithDbAsync(async db =>
    {
        var names = await (from i in db.Inspections
                           where i.Id == inspectionId
                           join t in db.Teams on i.TeamId equals t.Id
                           join r in db.Rounds on i.RoundId equals r.Id
                           select new { Team = t.Name, Round = r.Name }).SingleAsync();
        return (names.Team, names.Round);
    });

    /// <summary>
    /// POSTs <c>/api/inspections/{id}/comments</c> as multipart (<c>text</c>, <c>indicator</c>, <c>file</c> repeated) with
    /// the antiforgery header, as a script of the app would.
    /// </summary>
    public static async Task<HttpResponseMessage> PostCommentAsync(HttpClient client, int inspectionId, string? text, string? indicator = null, params (string Name, byte[] Content)[] files)
    {
        var token = MetaTokenOf(await client.GetStringAsync("/")) ?? "";
        using var form = new MultipartFormDataContent();
        if (text is not null)
        {
            form.Add(new StringContent(text, Encoding.UTF8), "text");
        }

        if (indicator is not null)
        {
            form.Add(new StringContent(indicator, Encoding.UTF8), "indicator");
        }

        foreach (var (name, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "file", name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/inspections/{inspectionId}/comments") { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    /// <summary>Small files whose content says what they are.</summary>
    public static class SampleFiles
    {
        /// <summary>A 1×1 PNG.</summary>
        public static byte[] Png { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

        public static byte[] Pdf { get; } = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

        /// <summary>The start of a Windows program: not a type that can be attached, whatever its name says.</summary>
        public static byte[] Exe { get; } = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0xB8, 0x00, 0x00, 0x00];
    }
}
