using System.Globalization;
using ServiceReview.Infrastructure.Audit;

namespace ServiceReview.Web.Cli;

/// <summary>
/// <c>verify-audit</c>: checks the audit log's hash chain (ADR 0020) and names the first broken entry. Exit 0 when the
/// chain is intact (it prints the number of entries and the last hash, which an operator may note elsewhere), 1 when
/// it is broken.
/// </summary>
public sealed class VerifyAuditCommand : ICliCommand
{
    public const string Verb = "verify-audit";

    public async Task<int> RunAsync(IServiceProvider services, CliConsole console, CancellationToken cancellationToken = default)
    {
        var result = await services.GetRequiredService<AuditChainStore>().VerifyAsync(cancellationToken);
        if (result.FirstBreak is { } broken)
        {
            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Audit log BROKEN at entry id {broken.EntryId}{(broken.Sequence is { } s ? $" (sequence {s})" : "")}: {Describe(broken)}. {result.Checked} entries before it are intact."));
            return CliExitCodes.Failure;
        }

        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Audit log intact: {result.Checked} entries; last hash {result.HeadHash ?? "(none)"}."));
        return CliExitCodes.Success;
    }

    private static string Describe(Core.Audit.AuditChainBreak broken) => broken.Kind switch
    {
        Core.Audit.AuditChainBreakKind.Altered => "its content no longer matches its hash (edited)",
        Core.Audit.AuditChainBreakKind.WrongLink => "it does not link to the entry before it (replaced)",
        Core.Audit.AuditChainBreakKind.Missing => string.Create(CultureInfo.InvariantCulture, $"sequence {broken.ExpectedSequence} is missing before it (removed)"),
        _ => "it is not linked into the chain (written around the application)",
    };
}
