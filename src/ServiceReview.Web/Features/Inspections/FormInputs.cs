using System.Globalization;
using ServiceReview.Core.Scoring;
using ServiceReview.Web.Features.Plans;

namespace ServiceReview.Web.Features.Inspections;

/// <summary>From the posted form fields to scoring inputs. N/A wins over anything else typed for the same indicator.</summary>
public static class FormInputs
{
    public static Dictionary<string, IndicatorInput> Read(FillForm form, InputErrorMessages messages, Dictionary<string, List<string>> errors)
    {
        var inputs = new Dictionary<string, IndicatorInput>(StringComparer.Ordinal);
        foreach (var item in form.Items.Where(i => !string.IsNullOrWhiteSpace(i.Code)))
        {
            var note = string.IsNullOrWhiteSpace(item.Note) ? null : item.Note;
            if (item.Na)
            {
                inputs[item.Code] = new IndicatorInput { NotApplicable = true, Note = note };
                continue;
            }

            decimal? value = null;
            int? count = null;
            bool? pass = null;
            if (!string.IsNullOrWhiteSpace(item.Value))
            {
                if (decimal.TryParse(item.Value.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var v)
                    || decimal.TryParse(item.Value.Trim(), NumberStyles.Number, CultureInfo.CurrentCulture, out v))
                {
                    value = v;
                }
                else
                {
                    ScoreItemsReader.Add(errors, item.Code, messages["Inspections.Api.NotANumber"]);
                }
            }

            if (!string.IsNullOrWhiteSpace(item.Count))
            {
                if (int.TryParse(item.Count.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c))
                {
                    count = c;
                }
                else
                {
                    ScoreItemsReader.Add(errors, item.Code, messages["Inspections.Api.NotAWholeNumber"]);
                }
            }

            if (item.Pass is "true" or "false")
            {
                pass = item.Pass == "true";
            }

            inputs[item.Code] = new IndicatorInput
            {
                Value = value,
                Count = count,
                Pass = pass,
                Level = string.IsNullOrWhiteSpace(item.Level) ? null : item.Level,
                Note = note,
            };
        }

        return inputs;
    }
}
