using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace ServiceReview.Browser.Tests.Fixtures;

/// <summary>
/// Every page that <see cref="BrowserApp"/> opens reports Content-Security-Policy violations (the
/// <c>securitypolicyviolation</c> event, through an init script, and Chromium's own "Refused to ..." console
/// errors); <see cref="FailOnCspViolationsAttribute"/>, on each browser test collection, fails the test whose pages
/// reported any. Violations are filed under the test class that opened the page: the classes of one collection run
/// one after another, the collections side by side.
/// </summary>
public static class CspViolations
{
    public const string Marker = "[csp-violation]";

    /// <summary>Runs in every document before the page's own scripts (init scripts are not subject to the page's CSP).</summary>
    public const string InitScript = """
        document.addEventListener('securitypolicyviolation', function (e) {
            console.error('[csp-violation] ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || '(inline)') +
                ' in ' + e.documentURI + ' at ' + (e.sourceFile || '?') + ':' + e.lineNumber + ' ' + (e.sample || ''));
        }, true);
        """;

    private static readonly ConcurrentDictionary<Type, ConcurrentQueue<string>> Reported = new();
    private static readonly ConcurrentDictionary<Type, bool> Watched = new();

    /// <summary>Files the violations of <paramref name="page"/> under the test class that is opening it (found on the call stack).</summary>
    public static void Watch(IPage page, Type testClass)
    {
        Watched[testClass] = true;
        var queue = Reported.GetOrAdd(testClass, _ => new ConcurrentQueue<string>());
        page.Console += (_, message) =>
        {
            if (message.Type == "error"
                && (message.Text.StartsWith(Marker, StringComparison.Ordinal)
                    || message.Text.Contains("Content Security Policy", StringComparison.Ordinal)))
            {
                queue.Enqueue($"{page.Url}: {message.Text}");
            }
        };
    }

    /// <summary>The test class (outside Fixtures) whose code is calling; <see cref="BrowserApp"/> when none is found.</summary>
    public static Type CallingTestClass()
    {
        foreach (var frame in new StackTrace().GetFrames())
        {
            var type = frame.GetMethod()?.DeclaringType;
            while (type?.DeclaringType is not null)
            {
                type = type.DeclaringType; // from the compiler's async state machine to the class that declares it
            }

            if (type is not null && type.Assembly == typeof(CspViolations).Assembly && type.Namespace != typeof(CspViolations).Namespace)
            {
                return type;
            }
        }

        return typeof(BrowserApp);
    }

    /// <summary>Removes and returns what the pages of <paramref name="testClass"/> reported so far.</summary>
    public static IReadOnlyList<string> Take(Type testClass)
    {
        var taken = new List<string>();
        foreach (var key in new[] { testClass, typeof(BrowserApp) })
        {
            if (Reported.TryGetValue(key, out var queue))
            {
                while (queue.TryDequeue(out var item))
                {
                    taken.Add(item);
                }
            }
        }

        return taken;
    }

    internal static bool HasPages(Type testClass) => Watched.ContainsKey(testClass) || Watched.ContainsKey(typeof(BrowserApp));
}

/// <summary>Fails a browser test whose pages reported a Content-Security-Policy violation (see <see cref="CspViolations"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class FailOnCspViolationsAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest) => CspViolations.Take(methodUnderTest.ReflectedType!);

    public override void After(MethodInfo methodUnderTest)
    {
        var testClass = methodUnderTest.ReflectedType!;
        if (!CspViolations.HasPages(testClass))
        {
            return;
        }

        // Console events travel from the browser on their own; give the last ones a moment to arrive.
        Thread.Sleep(200);
        var violations = CspViolations.Take(testClass);
        if (violations.Count > 0)
        {
            throw new XunitException(
                $"The Content-Security-Policy refused {violations.Count} thing(s) on the pages of this test:\n  " + string.Join("\n  ", violations));
        }
    }
}
