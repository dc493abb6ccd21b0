using ServiceReview.Core.Audit;

namespace ServiceReview.Core.Tests.Audit;

public sealed class The_audit_chain
{
    private static List<AuditEntry> Chain(int count)
    {
        var entries = new List<AuditEntry>();
        var (sequence, hash) = (0L, AuditChain.Genesis);
        for (var i = 0; i < count; i++)
        {
            var entry = new AuditEntry(new DateTime(2026, 12, 4, 8, 0, i, DateTimeKind.Utc).AddTicks(1234567), "u1", "王建华", "Inspection", "17", "Arbitrated", "4.3=否", "4.3=是");
            entry.LinkAfter(sequence, hash);
            (sequence, hash) = (entry.Sequence!.Value, entry.Hash!);
            entries.Add(entry);
        }

        return entries;
    }

    [Fact]
    public void Links_each_entry_to_the_hash_of_the_one_before_from_the_genesis()
    {
        var entries = Chain(3);

        Assert.Equal(AuditChain.Genesis, entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Equal(entries[1].Hash, entries[2].PreviousHash);
        Assert.Equal([1L, 2, 3], entries.Select(e => e.Sequence!.Value));
        Assert.All(entries, e => Assert.Matches("^[0-9a-f]{64}$", e.Hash));
        Assert.Null(AuditChain.Verify(entries));
    }

    [Fact]
    public void Stores_the_time_at_microsecond_precision_so_that_every_database_keeps_what_was_hashed()
    {
        var entry = Chain(1)[0];

        Assert.Equal(0, entry.At.Ticks % 10);
        Assert.Equal(DateTimeKind.Utc, entry.At.Kind);
    }

    [Fact]
    public void Gives_different_hashes_to_entries_whose_fields_only_shift_a_character_between_them()
    {
        var a = new AuditEntry(DateTime.UnixEpoch, null, "ab", "c", "1", "X");
        var b = new AuditEntry(DateTime.UnixEpoch, null, "a", "bc", "1", "X");
        var c = new AuditEntry(DateTime.UnixEpoch, "", "ab", "c", "1", "X");

        var hashes = new[] { a, b, c }.Select(e => AuditChain.ComputeHash(e, 1, AuditChain.Genesis)).ToList();

        Assert.Equal(3, hashes.Distinct().Count());
    }

    [Fact]
    public void Names_an_edited_entry_as_altered()
    {
        var entries = Chain(4);
        var edited = new AuditEntry(entries[2].At, "u1", "王建华", "Inspection", "17", "Arbitrated", "4.3=否", "4.3=否");
        typeof(AuditEntry).GetProperty(nameof(AuditEntry.Sequence))!.SetValue(edited, entries[2].Sequence);
        typeof(AuditEntry).GetProperty(nameof(AuditEntry.PreviousHash))!.SetValue(edited, entries[2].PreviousHash);
        typeof(AuditEntry).GetProperty(nameof(AuditEntry.Hash))!.SetValue(edited, entries[2].Hash);
        entries[2] = edited;

        var broken = AuditChain.Verify(entries);

        Assert.Equal(3, broken!.Sequence);
        Assert.Equal(AuditChainBreakKind.Altered, broken.Kind);
    }

    [Fact]
    public void Names_the_entry_after_a_removed_one_as_missing_its_predecessor()
    {
        var entries = Chain(4);
        entries.RemoveAt(1);

        var broken = AuditChain.Verify(entries);

        Assert.Equal(3, broken!.Sequence);
        Assert.Equal(AuditChainBreakKind.Missing, broken.Kind);
        Assert.Equal(2, broken.ExpectedSequence);
    }

    [Fact]
    public void Names_an_entry_re_hashed_on_its_own_as_a_wrong_link()
    {
        var entries = Chain(3);
        var forged = new AuditEntry(entries[1].At, "u1", "someone", "Inspection", "17", "Arbitrated");
        forged.LinkAfter(1, new string('f', 64));
        entries[1] = forged;

        var broken = AuditChain.Verify(entries);

        Assert.Equal(2, broken!.Sequence);
        Assert.Equal(AuditChainBreakKind.WrongLink, broken.Kind);
    }

    [Fact]
    public void Names_an_entry_that_was_never_linked()
    {
        var entries = Chain(2);
        entries.Add(new AuditEntry(DateTime.UnixEpoch, null, "x", "Inspection", "1", "Confirmed"));

        Assert.Equal(AuditChainBreakKind.NotLinked, AuditChain.Verify(entries)!.Kind);
    }
}
