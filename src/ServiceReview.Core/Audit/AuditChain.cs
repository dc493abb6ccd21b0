using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ServiceReview.Core.Audit;

/// <summary>
/// The tamper-evidence rule of the audit log. Every entry stores the SHA-256 of its own content, its sequence number
/// and the previous entry's hash; changing, inserting or removing an entry in the database breaks the link after it,
/// and <see cref="Verify(IEnumerable{AuditEntry})"/> names the first broken one.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Instants are hashed (and stored) at microsecond precision, which every provider keeps exactly.</summary>
    public static DateTime ToStoredPrecision(DateTime at) =>
        new(at.Ticks - (at.Ticks % 10), DateTimeKind.Utc);

    public static string ComputeHash(AuditEntry entry, long sequence, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(previousHash);

        // Each field is written with its length, so that no two different entries share the same bytes
        // ("ab" + "c" and "a" + "bc" differ); -1 stands for null.
        var text = new StringBuilder(256);
        Append(text, sequence.ToString(CultureInfo.InvariantCulture));
        Append(text, previousHash);
        Append(text, ToStoredPrecision(entry.At).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Append(text, entry.ActorUserId);
        Append(text, entry.ActorName);
        Append(text, entry.EntityType);
        Append(text, entry.EntityId);
        Append(text, entry.Action);
        Append(text, entry.OldValue);
        Append(text, entry.NewValue);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Checks entries in sequence order (streamed: the log may be long) and returns the first broken link, or null
    /// when every entry is intact and linked to the one before it.
    /// </summary>
    public static AuditChainBreak? Verify(IEnumerable<AuditEntry> inSequenceOrder) => Verify(inSequenceOrder, 1, Genesis);

    /// <summary>Checks a stretch of the chain that starts at <paramref name="expectedSequence"/> after <paramref name="previousHash"/>.</summary>
    public static AuditChainBreak? Verify(IEnumerable<AuditEntry> inSequenceOrder, long expectedSequence, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(inSequenceOrder);
        foreach (var entry in inSequenceOrder)
        {
            if (entry.Sequence is not { } sequence || entry.Hash is null || entry.PreviousHash is null)
            {
                return new AuditChainBreak(entry.Id, entry.Sequence, AuditChainBreakKind.NotLinked);
            }

            if (sequence != expectedSequence)
            {
                // A gap: the entry expected here was removed (or numbers were rewritten).
                return new AuditChainBreak(entry.Id, sequence, AuditChainBreakKind.Missing, expectedSequence);
            }

            if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                return new AuditChainBreak(entry.Id, sequence, AuditChainBreakKind.WrongLink);
            }

            if (!string.Equals(ComputeHash(entry, sequence, entry.PreviousHash), entry.Hash, StringComparison.Ordinal))
            {
                return new AuditChainBreak(entry.Id, sequence, AuditChainBreakKind.Altered);
            }

            previousHash = entry.Hash;
            expectedSequence++;
        }

        return null;
    }

    private static void Append(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append("-1:");
            return;
        }

        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
    }
}

/// <summary>What is wrong at the first broken link of the audit chain.</summary>
public enum AuditChainBreakKind
{
    /// <summary>The entry's content no longer matches its hash: it was edited.</summary>
    Altered,

    /// <summary>The entry does not point at the hash of the entry before it (one was replaced or re-hashed).</summary>
    WrongLink,

    /// <summary>The sequence jumps: at least one entry before this one was removed.</summary>
    Missing,

    /// <summary>The entry was never linked into the chain (written around the application).</summary>
    NotLinked,
}

/// <summary>The first broken link: the entry (database id and sequence) where verification stopped, and why.</summary>
public sealed record AuditChainBreak(long EntryId, long? Sequence, AuditChainBreakKind Kind, long? ExpectedSequence = null);
