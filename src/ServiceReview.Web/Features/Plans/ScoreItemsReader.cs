using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;
using ServiceReview.Web.Features.Inspections;

namespace ServiceReview.Web.Features.Plans;

/// <summary>
/// Reads the <c>items</c> of a score-preview request (contracts.md) strictly: every refusal names its field
/// (<c>items.2.3.level</c>) with a message in the user's language. Whether an input fits its indicator (a level that
/// exists, a value in range, a count ≥ 0, the right kind) is asked of Core (<see cref="ScoringEngine.Check(Indicator, IndicatorInput)"/>,
/// one pure check per item), not re-implemented here.
/// </summary>
public static class ScoreItemsReader
{
    private static readonly string[] KindFields = ["value", "count", "pass", "level", "na"];

    /// <summary>
    /// Reads the request body of a score preview. The inputs, or the 400 problem (field → messages) when anything is
    /// refused. <paramref name="acceptOverridden"/>: the plan preview takes the client's <c>"overridden": true</c> (it
    /// knows no measured figures); the per-inspection preview decides overrides itself and refuses the field.
    /// </summary>
    public static async Task<(Dictionary<string, IndicatorInput> Inputs, ValidationProblemDetails? Problem)> ReadAsync(
        HttpRequest request, PlanVersion plan, InputErrorMessages messages, bool acceptOverridden, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        Dictionary<string, IndicatorInput> inputs;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            inputs = Read(body.RootElement, plan, messages, errors, acceptOverridden);
        }
        catch (JsonException)
        {
            Add(errors, "$", messages["Inspections.Api.NotJson"]);
            inputs = [];
        }

        if (errors.Count == 0)
        {
            return (inputs, null);
        }

        return (inputs, new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = errors.First().Key + ": " + errors.First().Value[0],
        });
    }

    public static Dictionary<string, IndicatorInput> Read(JsonElement root, PlanVersion plan, InputErrorMessages messages, Dictionary<string, List<string>> errors,
        bool acceptOverridden = true)
    {
        var inputs = new Dictionary<string, IndicatorInput>(StringComparer.Ordinal);
        if (root.ValueKind != JsonValueKind.Object)
        {
            Add(errors, "$", messages["Inspections.Api.BodyNotObject"]);
            return inputs;
        }

        JsonElement items = default;
        var hasItems = false;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == "items")
            {
                items = property.Value;
                hasItems = true;
            }
            else
            {
                Add(errors, property.Name, messages["Inspections.Api.UnknownField", property.Name]);
            }
        }

        if (!hasItems || items.ValueKind != JsonValueKind.Object)
        {
            Add(errors, "items", messages["Inspections.Api.ItemsRequired"]);
            return inputs;
        }

        foreach (var item in items.EnumerateObject())
        {
            var code = item.Name;
            var field = "items." + code;
            var indicator = plan.FindIndicator(code);
            if (indicator is null)
            {
                Add(errors, field, messages["Inspections.Api.UnknownIndicator", code]);
                continue;
            }

            if (item.Value.ValueKind != JsonValueKind.Object)
            {
                Add(errors, field, messages["Inspections.Api.ItemNotObject"]);
                continue;
            }

            var input = ReadItem(item.Value, field, messages, errors, acceptOverridden);
            if (input is null)
            {
                continue;
            }

            var given = input.GivenKinds().ToList();
            if (given.Count > 1)
            {
                Add(errors, field, messages["Inspections.Api.OneInputKind", string.Join(", ", given)]);
                continue;
            }

            if (ScoringEngine.Check(indicator, input) is { } refusal)
            {
                Add(errors, field + FieldOf(refusal.Code, given), messages.Localize(refusal));
            }

            inputs[code] = input;
        }

        return inputs;
    }

    private static IndicatorInput? ReadItem(JsonElement item, string field, InputErrorMessages messages, Dictionary<string, List<string>> errors, bool acceptOverridden)
    {
        decimal? value = null;
        int? count = null;
        bool? pass = null;
        string? level = null;
        var na = false;
        var overridden = false;
        string? note = null;
        var ok = true;

        foreach (var p in item.EnumerateObject())
        {
            var name = field + "." + p.Name;
            var v = p.Value;
            if (v.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            switch (p.Name)
            {
                case "value":
                    if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d))
                    {
                        value = d;
                    }
                    else
                    {
                        ok = Fail(errors, name, messages["Inspections.Api.NotANumber"]);
                    }

                    break;
                case "count":
                    if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var c))
                    {
                        count = c;
                    }
                    else
                    {
                        ok = Fail(errors, name, messages["Inspections.Api.NotAWholeNumber"]);
                    }

                    break;
                case "pass":
                case "na":
                case "overridden" when acceptOverridden:
                    if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        var b = v.GetBoolean();
                        if (p.Name == "pass")
                        {
                            pass = b;
                        }
                        else if (p.Name == "na")
                        {
                            na = b;
                        }
                        else
                        {
                            overridden = b;
                        }
                    }
                    else
                    {
                        ok = Fail(errors, name, messages["Inspections.Api.NotABoolean"]);
                    }

                    break;
                case "level":
                case "note":
                    if (v.ValueKind == JsonValueKind.String)
                    {
                        if (p.Name == "level")
                        {
                            level = v.GetString();
                        }
                        else
                        {
                            note = v.GetString();
                        }
                    }
                    else
                    {
                        ok = Fail(errors, name, messages["Inspections.Api.NotAString"]);
                    }

                    break;
                default:
                    ok = Fail(errors, name, messages["Inspections.Api.UnknownField", p.Name]);
                    break;
            }
        }

        return ok
            ? new IndicatorInput { Value = value, Count = count, Pass = pass, Level = level, NotApplicable = na, Note = note, MeasuredOverridden = overridden }
            : null;
    }

    /// <summary>The sub-field a refusal of the rules concerns.</summary>
    private static string FieldOf(string code, List<string> given) => code switch
    {
        "Scoring.UnknownLevel" => ".level",
        "Scoring.ValueOutOfRange" => ".value",
        "Scoring.NegativeCount" => ".count",
        "Scoring.NotApplicableNotAllowed" => ".na",
        "Scoring.WrongInputKind" when given.Count == 1 && KindFields.Contains(given[0]) => "." + given[0],
        _ => "",
    };

    private static bool Fail(Dictionary<string, List<string>> errors, string field, string message)
    {
        Add(errors, field, message);
        return false;
    }

    public static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }
}
