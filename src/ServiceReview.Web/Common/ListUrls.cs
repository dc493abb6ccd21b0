using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Primitives;

namespace ServiceReview.Web.Common;

/// <summary>
/// Links of a list page that keep everything else the user chose: the current path and query string with some
/// parameters replaced or removed. The pager, the page-size choice and "clear the search" are built with it, so a
/// filter added to a list later is carried across pages without touching the shared partials.
/// </summary>
public static class ListUrls
{
    public static string With(HttpRequest request, params (string Name, string? Value)[] changes)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in changes)
        {
            if (string.IsNullOrEmpty(value))
            {
                query.Remove(name);
            }
            else
            {
                query[name] = new StringValues(value);
            }
        }

        var builder = new QueryBuilder(query.Where(p => !StringValues.IsNullOrEmpty(p.Value)));
        return $"{request.PathBase}{request.Path}{builder.ToQueryString()}";
    }

    /// <summary>The page <paramref name="page"/> of the same list (page 1 drops the parameter).</summary>
    public static string Page(HttpRequest request, int page) =>
        With(request, ("page", page <= 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The same list with another page size, from its first page.</summary>
    public static string Size(HttpRequest request, int size) =>
        With(request, ("size", size.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("page", null));

    /// <summary>The same list without the search term (filters stay), from its first page.</summary>
    public static string ClearSearch(HttpRequest request) => With(request, ("q", null), ("page", null));

    /// <summary>The list with no search and no filter, only the page size kept.</summary>
    public static string ClearAll(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var size = request.Query["size"].ToString();
        var builder = new QueryBuilder();
        if (!string.IsNullOrEmpty(size))
        {
            builder.Add("size", size);
        }

        return $"{request.PathBase}{request.Path}{builder.ToQueryString()}";
    }

    /// <summary>
    /// The page numbers to show: the first, the last and two either side of the current one; null marks a gap (…).
    /// </summary>
    public static IReadOnlyList<int?> Window(int page, int pageCount)
    {
        var shown = new List<int?>();
        int? previous = null;
        for (var p = 1; p <= pageCount; p++)
        {
            if (p == 1 || p == pageCount || Math.Abs(p - page) <= 2)
            {
                if (previous is { } last && p - last > 1)
                {
                    shown.Add(null);
                }

                shown.Add(p);
                previous = p;
            }
        }

        return shown;
    }
}
