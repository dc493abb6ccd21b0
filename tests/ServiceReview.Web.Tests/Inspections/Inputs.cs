namespace ServiceReview.Web.Tests.Inspections;

/// <summary>The fields of the checklist form, in plan order (Items[i].Code ...), built like a browser posts them.</summary>
public sealed class FormFields
{
    public static readonly string[] Codes = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3"];

    private readonly Dictionary<string, Dictionary<string, string>> _items = Codes.ToDictionary(c => c, _ => new Dictionary<string, string>());

    /// <summary>The worked example of scoring.md (73.1, 合格), with the notes the evidence rule asks for.</summary>
    // The demo team's measured figures differ from the worked example, so its measured values are overrides with a reason.
    public static FormFields WorkedExample(bool breach = false) => new FormFields()
        .Set("1.1", "Value", "96.0").Set("1.1", "Note", "人工抽查核对后的数值")
        .Set("1.2", "Count", "2").Set("1.2", "Note", "两条记录逾期归档")
        .Set("1.3", "Pass", "true")
        .Set("2.1", "Value", "91").Set("2.1", "Note", "人工抽查核对后的数值")
        .Set("2.2", "Na", "true").Set("2.2", "Note", "无投诉")
        .Set("2.3", "Level", "良好")
        .Set("3.1", "Level", "优秀").Set("3.1", "Note", "客户表扬信两封")
        .Set("3.2", "Level", "一般")
        .Set("4.1", "Level", "良好")
        .Set("4.2", "Count", "1").Set("4.2", "Note", "一次超范围服务")
        .Set("4.3", "Pass", breach ? "false" : "true")
        .Set("4.3", "Note", breach ? "发生违约" : "")
        .Set("5.1", "Value", "70").Set("5.1", "Note", "人工抽查核对后的数值")
        .Set("5.2", "Level", "良好")
        .Set("5.3", "Level", "较差");

    public FormFields Set(string code, string field, string value)
    {
        _items[code][field] = value;
        return this;
    }

    public FormFields Clear(string code)
    {
        _items[code].Clear();
        return this;
    }

    public FormUrlEncodedContent Content(string token, string stamp, string? command, int seconds = 0)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token),
            new("Stamp", stamp),
            new("SecondsSpent", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (command is not null)
        {
            fields.Add(new("Command", command));
        }

        for (var i = 0; i < Codes.Length; i++)
        {
            fields.Add(new($"Items[{i}].Code", Codes[i]));
            foreach (var (name, value) in _items[Codes[i]])
            {
                fields.Add(new($"Items[{i}].{name}", value));
            }
        }

        return new FormUrlEncodedContent(fields);
    }
}
