"""What the commands produce from a check result: reports, briefs, tables, pages."""
