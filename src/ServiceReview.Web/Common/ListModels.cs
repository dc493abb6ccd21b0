namespace ServiceReview.Web.Common;

/// <summary>
/// An empty list: <see cref="Filtered"/> says whether a search or filter hid rows ("nothing matches", with a link to
/// clear) or there is nothing at all yet (<see cref="EmptyText"/>, and what to do next when there is something to do).
/// </summary>
public sealed record ListEmptyModel(bool Filtered, string? Search, string EmptyText, string? NextText = null, string? NextUrl = null);

/// <summary>The search input of a list's GET form: the term, and the localised label and placeholder.</summary>
public sealed record SearchInputModel(string? Search, string Label, string Placeholder);

/// <summary>One step of a breadcrumb; the last step (the page itself) has no link.</summary>
public sealed record Crumb(string Text, string? Url = null);
