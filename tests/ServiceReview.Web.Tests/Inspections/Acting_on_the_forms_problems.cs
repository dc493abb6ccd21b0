using System.Net;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Inspections;

/// <summary>
/// Issue #17: a refused submission lists problems that lead to the field to fix — each line of the summary is a link to
/// a field that exists, and a missing note leads to the note, not to the input — and a category menu jumps within the
/// long form.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Acting_on_the_forms_problems(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task Each_line_of_the_summary_links_to_its_field_and_a_missing_note_links_to_the_note()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector5@demo.local");
        var client = await factory.SignedInAsync("inspector5@demo.local");
        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");
        // 5.3 has no input; 1.2 (a deduction of 2) and 3.1 (优秀) have an input the evidence rule says needs a note.
        var fields = FormFields.WorkedExample().Clear("5.3").Set("3.1", "Note", "").Set("1.2", "Note", "");

        var response = await client.PostAsync($"/Inspections/Fill/{id}",
            fields.Content(ServiceReviewWebFactory.FormTokenOf(html), ServiceReviewWebFactory.StampOf(html), "submit"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var lines = page.QuerySelectorAll("#problems li").ToList();
        Assert.Equal(3, lines.Count);
        var links = page.QuerySelectorAll("#problems li > a[data-problem-link]").ToList();
        Assert.Equal(lines.Count, links.Count);
        foreach (var link in links)
        {
            var href = link.GetAttribute("href")!;
            Assert.StartsWith("#", href, StringComparison.Ordinal);
            var target = page.GetElementById(href[1..]);
            Assert.True(target is not null, $"{href} names no element of the page");
            Assert.Contains(target.LocalName, new[] { "input", "textarea", "select" });
        }

        Assert.Equal("#ind-1-2-note", LinkOf("1.2"));
        Assert.Equal("#ind-3-1-note", LinkOf("3.1"));
        Assert.Equal("textarea", page.GetElementById("ind-1-2-note")!.LocalName);
        Assert.Equal("true", page.GetElementById("ind-1-2-note")!.GetAttribute("aria-invalid"));
        // Not scored: the input itself (5.3 is a rating: its first level).
        Assert.Equal("#ind-5-3-level-0", LinkOf("5.3"));
        Assert.Equal("radio", page.GetElementById("ind-5-3-level-0")!.GetAttribute("type"));

        string? LinkOf(string code) => links.Single(l => l.GetAttribute("data-problem-link") == code).GetAttribute("href");
    }

    [Fact]
    public async Task A_value_the_rules_refuse_links_to_the_value()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector1@demo.local");
        var client = await factory.SignedInAsync("inspector1@demo.local");
        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");

        var response = await client.PostAsync($"/Inspections/Fill/{id}", new FormFields().Set("1.1", "Value", "120")
            .Content(ServiceReviewWebFactory.FormTokenOf(html), ServiceReviewWebFactory.StampOf(html), "draft"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("#ind-1-1-value", page.QuerySelector("#problems a[data-problem-link='1.1']")?.GetAttribute("href"));
        Assert.NotNull(page.GetElementById("ind-1-1-value"));
    }

    [Fact]
    public async Task The_autosave_answers_401_rather_than_a_login_page_once_the_sign_in_has_ended()
    {
        // The page keeps its changes in the browser and asks to sign in again only if the autosave can tell.
        var id = await factory.TakeOpenInspectionAsync("inspector4@demo.local");
        var client = await factory.SignedInAsync("inspector4@demo.local");
        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");
        var token = await ServiceReviewWebFactory.GetAntiforgeryTokenAsync(client, "/Identity/Account/Logout");
        var logout = await client.PostAsync("/Identity/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.True(logout.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"logout answered {logout.StatusCode}");

        var response = await Filling_an_inspection.PostDraftAsync(client, id, new FormFields().Set("1.3", "Pass", "true")
            .Content(ServiceReviewWebFactory.FormTokenOf(html), ServiceReviewWebFactory.StampOf(html), null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_category_menu_links_to_every_category_heading_and_counts_its_problems()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector5@demo.local");
        var client = await factory.SignedInAsync("inspector5@demo.local");
        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");
        var page = Html.Parse(html);

        var menu = page.QuerySelector("nav[data-category-menu]");
        Assert.NotNull(menu);
        Assert.False(string.IsNullOrWhiteSpace(menu.GetAttribute("aria-label")));
        var categories = page.QuerySelectorAll("section[data-category]").Select(s => s.GetAttribute("data-category")).ToList();
        Assert.True(categories.Count >= 5, $"{categories.Count} categories");
        var links = menu.QuerySelectorAll("a[data-category-link]").ToList();
        Assert.Equal(categories, links.Select(l => l.GetAttribute("data-category-link")).ToList());
        foreach (var link in links)
        {
            var heading = page.GetElementById(link.GetAttribute("href")![1..]);
            Assert.NotNull(heading);
            Assert.Equal("h2", heading.LocalName);
            Assert.Equal("-1", heading.GetAttribute("tabindex"));
        }

        // After a refused submit the menu says where the problems are: 1.2 and 3.1 lack their notes, 5.3 its input.
        var fields = FormFields.WorkedExample().Clear("5.3").Set("3.1", "Note", "").Set("1.2", "Note", "");
        var refused = Html.Parse(await (await client.PostAsync($"/Inspections/Fill/{id}",
            fields.Content(ServiceReviewWebFactory.FormTokenOf(html), ServiceReviewWebFactory.StampOf(html), "submit"))).Content.ReadAsStringAsync());
        var flagged = refused.QuerySelectorAll("nav[data-category-menu] a[data-category-link]")
            .Where(l => l.QuerySelector(".badge") is not null).Select(l => l.GetAttribute("data-category-link")).ToList();
        Assert.Equal(["1", "3", "5"], flagged);
    }
}
