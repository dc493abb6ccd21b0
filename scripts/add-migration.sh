#!/usr/bin/env bash
# Adds one EF Core migration for all three providers (SQLite, SQL Server, PostgreSQL), with the same name, so the
# three migration sets never drift apart (ADR 0001). Usage: scripts/add-migration.sh NAME
# Then: CI's `has-pending-model-changes` check (docs/operations.md) must report nothing for each context.
set -euo pipefail

if [[ $# -ne 1 || ! $1 =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
    echo "usage: scripts/add-migration.sh NAME   (NAME in PascalCase, e.g. DisputeRulingFacts)" >&2
    exit 2
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet tool restore >/dev/null
dotnet build src/ServiceReview.Infrastructure -c Release -v q -nologo >/dev/null
for provider in Sqlite SqlServer PostgreSql; do
    echo "==> $provider"
    dotnet ef migrations add "$1" --no-build --configuration Release \
        --project src/ServiceReview.Infrastructure --startup-project src/ServiceReview.Infrastructure \
        --context "${provider}ServiceReviewDbContext" --output-dir "Migrations/${provider}"
done
echo "added $1 for Sqlite, SqlServer and PostgreSql; build again before running the tests"
