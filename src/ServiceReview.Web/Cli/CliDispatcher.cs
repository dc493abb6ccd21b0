namespace ServiceReview.Web.Cli;

/// <summary>
/// Reads the command line. A first argument that does not start with '-' is a verb (migrate, create-admin,
/// seed-demo, verify-audit, backup, send-digests); anything else (no arguments, or host options such as --urls) starts the web app.
/// </summary>
public static class CliDispatcher
{
    public const string Usage = """
        Usage: ServiceReview.Web [verb] [options]

          (no verb)                    start the web app
          migrate                      apply database migrations and reference data, then exit
          create-admin --email E       create an administrator; the password is read from standard input (one line)
          seed-demo [--scale N]        load the demo data N times larger (N >= 1, default 1); not in Production
          verify-audit                 check the audit log's hash chain; exit 1 and name the first broken entry
          backup --to FILE [--force]   copy the SQLite database while the app runs (online backup API); --force replaces FILE
          send-digests                 queue the weekly digest e-mails due this week (each person once a week, even with several instances)

        Exit codes: 0 done, 1 refused (the reason is printed), 2 unknown verb or bad arguments.
        """;

    public static CliParseResult Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            return CliParseResult.WebHost(args);
        }

        var verb = args[0];
        var options = args.Skip(1).ToList();
        return verb switch
        {
            MigrateCommand.Verb => options.Count == 0
                ? CliParseResult.For(new MigrateCommand())
                : CliParseResult.Invalid($"'{verb}' takes no arguments."),
            CreateAdminCommand.Verb => CreateAdminCommand.Parse(options),
            SeedDemoCommand.Verb => SeedDemoCommand.Parse(options),
            VerifyAuditCommand.Verb => options.Count == 0
                ? CliParseResult.For(new VerifyAuditCommand())
                : CliParseResult.Invalid($"'{verb}' takes no arguments."),
            BackupCommand.Verb => BackupCommand.Parse(options),
            SendDigestsCommand.Verb => options.Count == 0
                ? CliParseResult.For(new SendDigestsCommand())
                : CliParseResult.Invalid($"'{verb}' takes no arguments."),
            _ => CliParseResult.Invalid($"Unknown verb '{verb}'."),
        };
    }

    public static async Task<int> RunAsync(ICliCommand command, IServiceProvider services, CliConsole console, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await command.RunAsync(scope.ServiceProvider, console, cancellationToken);
    }

    /// <summary>Reads <c>--name value</c> pairs; returns an error for a stray token, a repeated or an unknown name.</summary>
    internal static (Dictionary<string, string> Values, string? Error) ReadOptions(IReadOnlyList<string> options, params string[] known)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Count; i++)
        {
            var token = options[i];
            string name;
            string? value;
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (token.StartsWith("--", StringComparison.Ordinal) && equals > 2)
            {
                name = token[2..equals];
                value = token[(equals + 1)..];
            }
            else if (token.StartsWith("--", StringComparison.Ordinal) && token.Length > 2)
            {
                name = token[2..];
                value = i + 1 < options.Count && !options[i + 1].StartsWith("--", StringComparison.Ordinal) ? options[++i] : null;
            }
            else
            {
                return (values, $"Unexpected argument '{token}'.");
            }

            if (!known.Contains(name, StringComparer.Ordinal))
            {
                return (values, $"Unknown option '--{name}'.");
            }

            if (value is null)
            {
                return (values, $"Option '--{name}' needs a value.");
            }

            if (!values.TryAdd(name, value))
            {
                return (values, $"Option '--{name}' is given twice.");
            }
        }

        return (values, null);
    }
}

/// <summary>What the command line asks for: the web app, a command, or nothing sensible (an error and the usage).</summary>
public sealed class CliParseResult
{
    private CliParseResult(ICliCommand? command, string? error, IReadOnlyList<string> hostArguments)
    {
        Command = command;
        Error = error;
        HostArguments = [.. hostArguments];
    }

    public ICliCommand? Command { get; }

    public string? Error { get; }

    public bool IsError => Error is not null;

    /// <summary>The arguments for the host builder: all of them for the web app, none for a command.</summary>
    public string[] HostArguments { get; }

    public static CliParseResult WebHost(IReadOnlyList<string> args) => new(null, null, args);

    public static CliParseResult For(ICliCommand command) => new(command, null, []);

    public static CliParseResult Invalid(string error) => new(null, error, []);
}
