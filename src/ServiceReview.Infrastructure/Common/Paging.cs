using Microsoft.EntityFrameworkCore;

namespace ServiceReview.Infrastructure.Common;

/// <summary>
/// A page asked for by a list page: the 1-based page number and the page size, already made safe (any page number
/// below 1 means 1; a size not offered means the default). A page beyond the end is clamped when the total is known
/// (<see cref="PagingExtensions.ToPagedAsync{T}"/>).
/// </summary>
public sealed record PageRequest
{
    public const int DefaultSize = 20;

    /// <summary>The page sizes a user may choose.</summary>
    public static IReadOnlyList<int> Sizes { get; } = [10, 20, 50, 100];

    private PageRequest(int page, int size)
    {
        Page = page;
        Size = size;
    }

    public int Page { get; }

    public int Size { get; }

    /// <summary>A safe request from what came in the query string (null when it was missing or not a number).</summary>
    public static PageRequest Of(int? page, int? size = null, int defaultSize = DefaultSize) =>
        new(page is > 0 ? page.Value : 1, size is { } s && Sizes.Contains(s) ? s : defaultSize);
}

/// <summary>One page of a list, with what a pager needs: the page shown, its size and the total across all pages.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int Size, int Total) : IPageInfo
{
    public int PageCount => PageMath.PageCount(Total, Size);

    /// <summary>The 1-based position of the first row shown (0 when there is none).</summary>
    public int FirstItem => Items.Count == 0 ? 0 : ((Page - 1) * Size) + 1;

    /// <summary>The 1-based position of the last row shown (0 when there is none).</summary>
    public int LastItem => Items.Count == 0 ? 0 : FirstItem + Items.Count - 1;

    public Paged<TOut> Map<TOut>(Func<T, TOut> map) => new([.. Items.Select(map)], Page, Size, Total);
}

public static class Paged
{
    /// <summary>No rows at all (e.g. an account not linked to a person has nothing to list).</summary>
    public static Paged<T> Empty<T>(PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Paged<T>([], 1, request.Size, 0);
    }
}

/// <summary>What the shared pager (Views/Shared/_Pager.cshtml) reads from any page of a list.</summary>
public interface IPageInfo
{
    int Page { get; }

    int Size { get; }

    int Total { get; }

    int PageCount { get; }

    int FirstItem { get; }

    int LastItem { get; }
}

public static class PageMath
{
    public static int PageCount(int total, int size) => Math.Max(1, (total + size - 1) / size);

    /// <summary>The nearest page that exists: below 1 → 1, beyond the end → the last page.</summary>
    public static int Clamp(int page, int total, int size) => Math.Clamp(page, 1, PageCount(total, size));
}

public static class PagingExtensions
{
    /// <summary>
    /// Counts, then reads one page in the database (Skip/Take). The query must already be ordered deterministically
    /// (end with a unique key) or rows may repeat or vanish between pages. A page beyond the end gives the last page.
    /// </summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> ordered, PageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var total = await ordered.CountAsync(cancellationToken);
        var page = PageMath.Clamp(request.Page, total, request.Size);
        var items = total == 0
            ? []
            : await ordered.Skip((page - 1) * request.Size).Take(request.Size).ToListAsync(cancellationToken);
        return new Paged<T>(items, page, request.Size, total);
    }

    /// <summary>One page of a list already in memory (small lists computed in code, e.g. a round's ranking).</summary>
    public static Paged<T> ToPaged<T>(this IReadOnlyList<T> all, PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(request);
        var page = PageMath.Clamp(request.Page, all.Count, request.Size);
        return new Paged<T>([.. all.Skip((page - 1) * request.Size).Take(request.Size)], page, request.Size, all.Count);
    }

    /// <summary>A search term as the lists use it: trimmed, null when blank, at most 100 characters.</summary>
    public static string? NormaliseSearch(string? q)
    {
        var trimmed = q?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > 100 ? trimmed[..100] : trimmed;
    }
}
