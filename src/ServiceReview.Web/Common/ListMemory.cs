using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.WebUtilities;

namespace ServiceReview.Web.Common;

/// <summary>
/// Remembers, per list, the search, filters and page a user last looked at (a session cookie per list path), so that
/// the way back from a detail page (its breadcrumb) and the redirect after acting on it (PRG) land on the same page
/// of the same filtered list. The cookie holds only a query string, rebuilt from parsed pairs: it can add parameters
/// to a fixed local path, never change where a link goes.
/// </summary>
public static class ListMemory
{
    private const string CookiePrefix = "sr-list";
    private const int MaxLength = 1000;
    private static readonly string[] Forgotten = ["culture", "ui-culture"];

    /// <summary>Stores the current request's query string for its path (or forgets it when there is none).</summary>
    public static void Remember(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = CookieName(context.Request.Path);
        var query = Clean(context.Request.QueryString.Value);
        if (query.Length == 0)
        {
            if (context.Request.Cookies.ContainsKey(name))
            {
                context.Response.Cookies.Delete(name);
            }

            return;
        }

        context.Response.Cookies.Append(name, query, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            Path = "/",
        });
    }

    /// <summary><paramref name="listUrl"/> (a local path such as /Reviews) with the query string last used on it, if any.</summary>
    public static string UrlOf(HttpContext context, string listUrl)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(listUrl);
        if (listUrl.Contains('?', StringComparison.Ordinal) || !listUrl.StartsWith('/'))
        {
            return listUrl;
        }

        var remembered = context.Request.Cookies[CookieName(listUrl)];
        var query = Clean(remembered);
        return query.Length == 0 ? listUrl : listUrl + query;
    }

    private static string CookieName(PathString path) =>
        $"{CookiePrefix}{(path.Value ?? "/").TrimEnd('/').ToLowerInvariant().Replace('/', '.')}";

    /// <summary>A query string made of parsed pairs only (no culture switch), or "" when nothing is left or it is too long.</summary>
    private static string Clean(string? query)
    {
        if (string.IsNullOrEmpty(query) || query.Length > MaxLength)
        {
            return "";
        }

        var pairs = QueryHelpers.ParseQuery(query)
            .Where(p => !Forgotten.Contains(p.Key, StringComparer.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")))
            .Where(p => p.Value.Length > 0)
            .ToList();
        return pairs.Count == 0 ? "" : new QueryBuilder(pairs).ToQueryString().Value ?? "";
    }
}

/// <summary>Put on a list's index action: remembers its query string for the way back (see <see cref="ListMemory"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RememberListQueryAttribute : ActionFilterAttribute
{
    public override void OnActionExecuting(ActionExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (HttpMethods.IsGet(context.HttpContext.Request.Method))
        {
            ListMemory.Remember(context.HttpContext);
        }
    }
}
