namespace ServiceReview.Core.Plans;

/// <summary>
/// The plan the product ships (项目客户服务组检查考评标准, 100 points), as version 1, Published — see
/// docs/scoring-rules.md. 1.1 is N/A-able like 1.2, 2.1, 2.2 and 5.1: all five are measured from service records,
/// and with no records in the period their figure has no value, which the contract turns into N/A.
/// </summary>
public static class DefaultPlan
{
    public const string Name = "项目客户服务组检查考评标准";

    public const string Description = "项目客户服务组检查考评标准（100分）：服务档案管理、响应迅速、沟通能力、诚信守约、解决问题五个检查点。";

    /// <summary>优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60 (<see cref="PlanVersion.DefaultGradeBounds"/>), with their English labels.</summary>
    public static IReadOnlyList<GradeBound> GradeBounds { get; } =
    [
        new("优秀", 90m, "Excellent"),
        new("良好", 80m, "Good"),
        new("合格", 60m, "Pass"),
    ];

    /// <summary>The plan with its single published version 1.</summary>
    public static EvaluationPlan Create(DateTime? publishedAtUtc = null)
    {
        var plan = new EvaluationPlan(Name, Description);
        var version = plan.AddDraft(GradeBounds);
        Fill(version);
        version.Publish(publishedAtUtc ?? DateTime.UtcNow);
        return plan;
    }

    /// <summary>Version 1 alone (Published), for callers that do not need the plan around it.</summary>
    public static PlanVersion CreateVersion(DateTime? publishedAtUtc = null) => Create(publishedAtUtc).Versions[0];

    private static void Fill(PlanVersion v)
    {
        v.AddCategory("1", "服务档案管理", 20m);
        v.AddIndicator("1", Indicator.Percentage(
            "1.1", "服务记录完整率", 8m,
            [new(98m, 8m), new(95m, 6m), new(90m, 4m)],
            "检查期内必填项齐全的服务记录占全部服务记录的比例。必填项：工单号、客户、渠道、类型、摘要、受理时间、首次响应时间、处理人；"
            + "已关闭的记录还须有解决时间和归档时间。≥98% 得8分，≥95% 得6分，≥90% 得4分，低于90% 不得分。检查期内无服务记录时为不适用。",
            naAllowed: true,
            measure: MeasuredMetric.Complete));
        v.AddIndicator("1", Indicator.Deduction(
            "1.2", "档案归档及时", 6m, 1m,
            "服务记录关闭后48小时内归档。每有一条逾期归档（或逾期仍未归档）的记录扣1分，扣完为止。检查期内无服务记录时为不适用。",
            naAllowed: true,
            measure: MeasuredMetric.LateArchives));
        v.AddIndicator("1", Indicator.Check(
            "1.3", "数据妥善保存", 6m,
            "服务数据有备份、有访问控制，检查期内无数据丢失。全部做到得6分，否则不得分。"));

        v.AddCategory("2", "响应迅速", 25m);
        v.AddIndicator("2", Indicator.Percentage(
            "2.1", "首次响应及时率", 10m,
            [new(95m, 10m), new(90m, 8m), new(80m, 5m)],
            "客户需求和投诉在响应时限（默认2小时）内得到首次响应的比例。≥95% 得10分，≥90% 得8分，≥80% 得5分，低于80% 不得分。检查期内无服务记录时为不适用。",
            naAllowed: true,
            measure: MeasuredMetric.FirstResponseOnTime));
        v.AddIndicator("2", Indicator.Percentage(
            "2.2", "问题解决及时率", 8m,
            [new(90m, 8m), new(80m, 6m), new(70m, 3m)],
            "问题在解决时限（默认24小时）内解决的比例。≥90% 得8分，≥80% 得6分，≥70% 得3分，低于70% 不得分。检查期内无服务记录时为不适用。",
            naAllowed: true,
            measure: MeasuredMetric.ResolvedOnTime));
        v.AddIndicator("2", Indicator.Rating(
            "2.3", "客户信息与问题统计分析", 7m,
            standard: "定期对客户信息和问题进行分类统计与分析，有分析记录，分析结果用于改进服务并可举例说明。"));

        v.AddCategory("3", "沟通能力", 20m);
        v.AddIndicator("3", Indicator.Rating(
            "3.1", "与客户沟通方式得当", 10m,
            standard: "与客户沟通用语规范、态度礼貌、表达清楚，耐心倾听并及时反馈，检查期内无因沟通方式引起的有效投诉。"));
        v.AddIndicator("3", Indicator.Rating(
            "3.2", "与项目成员沟通协调", 10m,
            standard: "及时、准确地向项目成员传递客户需求和问题，协调配合顺畅，无因沟通不畅造成的延误或返工。"));

        v.AddCategory("4", "诚信守约", 15m);
        v.AddIndicator("4", Indicator.Rating(
            "4.1", "合同条款理解规范", 5m,
            standard: "熟悉合同约定的服务范围、服务时限和服务标准，理解正确，能准确向客户解释。"));
        v.AddIndicator("4", Indicator.Deduction(
            "4.2", "严格按合同条款服务", 5m, 2.5m,
            "按合同约定的范围、时限和标准提供服务。每发现一次偏离合同条款的情况扣2.5分，扣完为止。"));
        v.AddIndicator("4", Indicator.Check(
            "4.3", "未发生损害各方权益的违约", 5m,
            "检查期内未发生损害客户、公司或其他相关方权益的违约行为。发生即本项不得分，并一票否决本次检查。",
            critical: true));

        v.AddCategory("5", "解决问题", 20m);
        v.AddIndicator("5", Indicator.Percentage(
            "5.1", "一次解决率", 8m,
            [new(85m, 8m), new(75m, 6m), new(65m, 3m)],
            "已解决的问题中首次接触即解决的比例。≥85% 得8分，≥75% 得6分，≥65% 得3分，低于65% 不得分。检查期内无已解决的记录时为不适用。",
            naAllowed: true,
            measure: MeasuredMetric.FirstContactResolution));
        v.AddIndicator("5", Indicator.Rating(
            "5.2", "疑难问题妥善处理", 6m,
            standard: "疑难、复杂问题能及时上报、组织资源、跟踪到底，处理过程有记录，处理结果得到客户认可。"));
        v.AddIndicator("5", Indicator.Rating(
            "5.3", "任务压力下高效完成", 6m,
            standard: "任务集中或时间紧迫时仍能合理安排、分清轻重缓急，按时保质完成工作。"));
    }

    /// <summary>
    /// The example in the plan workbook template (ADR 0007): two categories and one indicator of each rule kind, in
    /// Chinese or English. Kept here so that indicator codes are written only next to the default plan.
    /// </summary>
    public static PlanVersion TemplateExample(bool english)
    {
        var example = new PlanVersion(english ? "Example plan" : "示例方案", 1);
        example.AddCategory("1", english ? "Service records" : "服务档案管理", 60m);
        example.AddIndicator("1", Indicator.Percentage("1.1", english ? "Records complete" : "服务记录完整率", 8m,
            [new(98m, 8m), new(95m, 6m), new(90m, 4m)],
            english ? "Share of service records with every required field." : "必填项齐全的服务记录占全部服务记录的比例。",
            naAllowed: true, measure: MeasuredMetric.Complete));
        example.AddIndicator("1", Indicator.Deduction("1.2", english ? "Archived on time" : "档案归档及时", 6m, 1m,
            english ? "One point off per record archived late." : "每有一条逾期归档的记录扣1分，扣完为止。"));
        example.AddCategory("2", english ? "Communication" : "沟通能力", 40m);
        example.AddIndicator("2", Indicator.Rating("2.1", english ? "Manner with customers" : "与客户沟通方式得当", 10m,
            standard: english ? "Polite, clear, listens and answers promptly." : "用语规范、态度礼貌、表达清楚。"));
        example.AddIndicator("2", Indicator.Check("2.2", english ? "No breach" : "未发生违约", 5m,
            english ? "No breach of contract in the period." : "检查期内未发生违约行为。", critical: true));
        return example;
    }
}
