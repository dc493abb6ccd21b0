using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceReview.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DisputeRulingFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OriginalCount",
                table: "DisputeItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OriginalLevel",
                table: "DisputeItems",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OriginalNotApplicable",
                table: "DisputeItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OriginalNote",
                table: "DisputeItems",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OriginalPass",
                table: "DisputeItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "OriginalPoints",
                table: "DisputeItems",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "OriginalValue",
                table: "DisputeItems",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RuledCount",
                table: "DisputeItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RuledLevel",
                table: "DisputeItems",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RuledNotApplicable",
                table: "DisputeItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RuledNote",
                table: "DisputeItems",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RuledPass",
                table: "DisputeItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RuledPoints",
                table: "DisputeItems",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RuledValue",
                table: "DisputeItems",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OriginalCount",
                table: "DisputeItems");

            migrationBuilder.DropColumn(
                name: "OriginalLevel",
                table: "DisputeItems");

            migrationBuilder.DropColumn(
                name: "OriginalNotApplicable",
                table: "DisputeItems");

            migrationBuilder.DropColumn(
                name: "OriginalNote",
                table: "DisputeItems");

            migrationBuilder.DropColumn(
                name: "OriginalPass",
                table: "DisputeItems");

            migrationBuilder.DropColumn(
                name: "OriginalPoints",
                table: "DisputeItems");

            migrationBuilder.DropColumn(
                name: "OriginalValue",
                table: "DisputeItems");

            migrationBuilder.DropColumn(
                name: "RuledCount",
                table: "DisputeItems");

            migrationBuilder.DropColumn(
                name: "RuledLevel",
                table: "DisputeItems");

            migrationBuilder.DropColumn(
                name: "RuledNotApplicable",
                table: "DisputeItems");

            migrationBuilder.DropColumn(
                name: "RuledNote",
                table: "DisputeItems");

            migrationBuilder.DropColumn(
                name: "RuledPass",
                table: "DisputeItems");

            migrationBuilder.DropColumn(
                name: "RuledPoints",
                table: "DisputeItems");

            migrationBuilder.DropColumn(
                name: "RuledValue",
                table: "DisputeItems");
        }
    }
}
