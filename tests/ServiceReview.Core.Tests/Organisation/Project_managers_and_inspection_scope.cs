using ServiceReview.Core.Common;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Organisation;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Organisation;

public sealed class Project_managers_and_inspection_scope
{
    [Fact]
    public void A_project_is_managed_by_the_managers_it_is_given_and_a_second_set_replaces_the_first()
    {
        var project = new Project("园区项目", "园区管委会").WithId(1);
        var wang = Manager("王建华", 40);
        var li = Manager("李娜", 41);

        project.SetManagers([wang, li, wang], _ => true);
        Assert.Equal([40, 41], project.ManagerIds.Order());
        Assert.True(project.IsManagedBy(40));

        project.SetManagers([li], _ => true);
        Assert.Equal([41], project.ManagerIds);
        Assert.False(project.IsManagedBy(40));
    }

    [Fact]
    public void Only_an_active_person_whose_account_holds_the_Manager_role_can_manage_a_project()
    {
        var project = new Project("园区项目", "园区管委会").WithId(1);
        var noAccount = new Person("没有账户", "n@test.local").WithId(42);
        var disabled = Manager("已停用", 43);
        disabled.Deactivate();
        var inspector = Manager("检查员", 44);

        Assert.Equal("Project.ManagerNotAManager", Assert.Throws<DomainException>(() => project.SetManagers([noAccount], _ => true)).Code);
        Assert.Equal("Project.ManagerNotAManager", Assert.Throws<DomainException>(() => project.SetManagers([disabled], _ => true)).Code);
        Assert.Equal("Project.ManagerNotAManager", Assert.Throws<DomainException>(() => project.SetManagers([inspector], p => p.Id != 44)).Code);
        Assert.Empty(project.ManagerIds);
    }

    [Fact]
    public void An_inspector_without_a_project_list_may_inspect_any_project_and_with_one_only_those()
    {
        var inspector = new Person("检查员甲", "a@test.local").WithId(30);
        inspector.MakeInspector(InspectorType.OperationsLead, 6);
        Assert.True(inspector.MayInspectProject(1));
        Assert.True(inspector.MayInspectProject(2));

        inspector.LimitInspectionTo([2, 3, 2]);

        Assert.False(inspector.MayInspectProject(1));
        Assert.True(inspector.MayInspectProject(2));
        Assert.Equal([2, 3], inspector.InspectableProjectIds.Order());
    }

    [Fact]
    public void Only_an_inspector_can_have_a_project_list_and_it_goes_when_they_stop_inspecting()
    {
        var person = new Person("普通员工", "p@test.local").WithId(50);
        Assert.Equal("Person.NotAnInspector", Assert.Throws<DomainException>(() => person.LimitInspectionTo([1])).Code);
        person.LimitInspectionTo([]);
        Assert.False(person.MayInspectProject(1));

        person.MakeInspector(InspectorType.TechnicalStaff, 2);
        person.LimitInspectionTo([1]);
        person.StopInspecting();

        Assert.Empty(person.InspectableProjectIds);
        Assert.False(person.MayInspectProject(1));
    }

    [Fact]
    public void An_inspector_not_allowed_on_the_teams_project_is_refused_for_assignment_and_reassignment()
    {
        var given = new InspectionBuilder();
        var elsewhere = new Person("外项目检查员", "e@test.local").WithId(33);
        elsewhere.MakeInspector(InspectorType.ProjectLeader, 9);
        elsewhere.LimitInspectionTo([given.Team.ProjectId + 1]);

        Assert.Equal("Round.ProjectNotAllowed", Assert.Throws<DomainException>(() => given.Round.Assign(given.Team, elsewhere)).Code);

        var inspection = given.Open();
        Assert.Equal("Round.ProjectNotAllowed", Assert.Throws<DomainException>(() => given.Round.Reassign(inspection, given.Team, elsewhere)).Code);
        Assert.Equal(given.Inspector.Id, inspection.InspectorId);
        Assert.Equal(InspectionStatus.Assigned, inspection.Status);
    }

    [Fact]
    public void An_inspector_allowed_on_the_teams_project_is_assigned()
    {
        var given = new InspectionBuilder();
        var allowed = new Person("本项目检查员", "o@test.local").WithId(34);
        allowed.MakeInspector(InspectorType.ProjectLeader, 9);
        allowed.LimitInspectionTo([given.Team.ProjectId]);

        given.Round.Assign(given.Team, allowed);

        Assert.Contains(given.Round.Assignments, a => a.InspectorId == 34);
    }

    private static Person Manager(string name, int id)
    {
        var person = new Person(name, $"m{id}@test.local").WithId(id);
        person.LinkAccount($"user-{id}");
        return person;
    }
}
