using System.Text;

namespace ServiceReview.Web.Cli;

/// <summary>The three streams a command talks to; tests pass StringReader/StringWriter.</summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, bool InputIsInteractive)
{
    public static CliConsole Standard =>
        new(Console.In, Console.Out, Console.Error, !Console.IsInputRedirected);

    /// <summary>One line from standard input; typed at a terminal, it is not echoed.</summary>
    public async Task<string?> ReadSecretLineAsync(string prompt)
    {
        if (!InputIsInteractive)
        {
            return await In.ReadLineAsync();
        }

        await Error.WriteAsync(prompt);
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                await Error.WriteLineAsync();
                return secret.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }
    }
}

public static class CliExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and refused (invalid e-mail, account exists, Production, ...).</summary>
    public const int Failure = 1;

    /// <summary>Unknown verb or bad arguments: the usage text was printed.</summary>
    public const int Usage = 2;
}
