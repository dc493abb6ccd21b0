using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>
/// Reads a page the way a browser does: tests find elements by their <c>data-</c> hooks, names and ids with CSS
/// selectors, so markup details (attribute order, whitespace, classes) do not break them as regexes over the HTML did.
/// </summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>Every element the selector finds, in document order.</summary>
    public static IReadOnlyList<IElement> All(string html, string selector) => [.. Parse(html).QuerySelectorAll(selector)];

    /// <summary>The first element the selector finds, or null.</summary>
    public static IElement? First(string html, string selector) => Parse(html).QuerySelector(selector);

    /// <summary>An attribute of the first element the selector finds, or null when there is none.</summary>
    public static string? AttributeOf(string html, string selector, string attribute) =>
        First(html, selector)?.GetAttribute(attribute);

    /// <summary>The trimmed text of the first element the selector finds, or null when there is none.</summary>
    public static string? TextOf(string html, string selector) => First(html, selector)?.TextContent.Trim();
}
