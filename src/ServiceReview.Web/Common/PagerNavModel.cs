namespace ServiceReview.Web.Common;

/// <summary>What the page links need: where we are, how many pages, and how to link to a page.</summary>
public sealed record PagerNavModel(int Page, int PageCount, Func<int, string> Url);
