namespace ServiceReview.Infrastructure.Excel;

/// <summary>
/// How wide text is in a spreadsheet column, in Excel's width unit (about one Latin digit): a Chinese, Japanese or
/// Korean character or a full-width form counts two. Used to size columns from their header text so that a header
/// wraps only at a space (never in the middle of a word, nor of a Chinese term), and to give a wrapped title or note
/// row the height its lines need, so that nothing is cut off on screen or on paper.
/// </summary>
public static class TextWidth
{
    public static double Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        double width = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                width += 2;
                i++;
            }
            else
            {
                width += IsWide(c) ? 2 : 1;
            }
        }

        return width;
    }

    /// <summary>A column wide enough for its header on one line when it is short, else for its longest word.</summary>
    public static double ForHeader(string header, double least, double most = 22)
    {
        var full = Of(header) + 2;
        var longest = header.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Of).DefaultIfEmpty(0).Max() + 2;
        return Math.Round(Math.Max(least, full <= Math.Max(least, most) ? full : longest), 1);
    }

    /// <summary>
    /// The lines <paramref name="text"/> takes in a column (or merged columns) <paramref name="width"/> wide, wrapped at
    /// spaces; a word longer than a line (a Chinese sentence) is broken between characters, as spreadsheets do.
    /// </summary>
    public static int Lines(string? text, double width)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 1;
        }

        var room = Math.Max(2, width - 1.5);
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            lines++;
            double used = 0;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var w = Of(word);
                var needed = used == 0 ? w : used + 1 + w;
                if (needed <= room)
                {
                    used = needed;
                    continue;
                }

                if (used > 0)
                {
                    lines++;
                }

                // A word wider than a line fills whole lines, the rest starts the next.
                while (w > room)
                {
                    lines++;
                    w -= room;
                }

                used = w;
            }
        }

        return lines;
    }

    private static bool IsWide(char c) =>
        c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
            or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6';
}
