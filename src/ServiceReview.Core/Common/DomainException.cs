namespace ServiceReview.Core.Common;

/// <summary>
/// A rule of the domain refused an operation. <see cref="Code"/> is stable and is what the UI translates
/// (zh-CN / en resources, key <c>Error.{Code}</c>); <see cref="Arguments"/> fill its placeholders in order;
/// <see cref="Exception.Message"/> is an English text for logs and API clients.
/// </summary>
public class DomainException : Exception
{
    public DomainException(string code, string message, params object?[] arguments)
        : base(FormatMessage(message, arguments))
    {
        Code = code;
        Arguments = arguments;
    }

    public DomainException()
        : this("Domain.Error", "A domain rule refused the operation.")
    {
    }

    public DomainException(string message)
        : this("Domain.Error", message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "Domain.Error";
        Arguments = [];
    }

    public string Code { get; }

    public IReadOnlyList<object?> Arguments { get; }

    // Messages may name their arguments as {0}, {1}...; those that were interpolated already pass through unchanged.
    private static string FormatMessage(string message, object?[] arguments)
    {
        if (arguments.Length == 0 || !message.Contains('{', StringComparison.Ordinal))
        {
            return message;
        }

        try
        {
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, message, arguments);
        }
        catch (FormatException)
        {
            return message;
        }
    }
}
