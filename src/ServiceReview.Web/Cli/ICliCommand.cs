namespace ServiceReview.Web.Cli;

/// <summary>One verb of the command line, with its arguments already parsed.</summary>
public interface ICliCommand
{
    /// <summary>Runs against the app's services and returns the process exit code (<see cref="CliExitCodes"/>).</summary>
    Task<int> RunAsync(IServiceProvider services, CliConsole console, CancellationToken cancellationToken = default);
}
