// Section names a page cannot hold apart (two sections with one name, a name that does not read
// back as a heading): the CLI warns, naming the settings file, and the page stops growing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, lines, makeVault, read, removeTemps, runCli, writeFiles } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const DATA = ".obsidian/plugins/customer-pages/data.json";

function vault(sectionNames: Record<string, string>): string {
  return makeVault({
    [DATA]: JSON.stringify({ sectionNames }),
    "Customers/Acme.md": lines("# Acme"),
    "Meetings/2025-11-03 Acme call.md": lines("Call with [[Acme]] and [[Ann]]."),
    "People/Ann.md": lines("---", 'company: "[[Acme]]"', "---"),
  });
}

describe("section names from the settings", () => {
  it("two sections with one name: a warning naming the settings file; only the first is regenerated, and a second run changes nothing", () => {
    const dir = vault({ recentContext: "Notes", relatedPeople: "NOTES" });
    const first = runCli(cli, ["regenerate", "--vault", dir, "--today", "2025-11-15"]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.warnings).toContain(
      `warning: ${dir}/${DATA}: section name "NOTES" is used for both Recent Context and Related People; only Recent Context is regenerated`,
    );
    const page = read(dir, "Customers/Acme.md");
    expect(page.match(/^## Notes$/gm)).toEqual(["## Notes"]);
    expect(page).toContain("## Notes\n\n- 2025-11-03: [[2025-11-03 Acme call]] - Call with Acme and Ann.\n");
    expect(page).not.toContain("## NOTES");
    for (let i = 0; i < 2; i++) {
      const again = runCli(cli, ["regenerate", "--vault", dir, "--today", "2025-11-15", "--check"]);
      expect(again.status, again.stdout).toBe(0);
    }
    expect(read(dir, "Customers/Acme.md")).toBe(page);
  });

  it("a name whose heading reads as another name (a closing #) or as nothing: a warning, and the section is not added", () => {
    const dir = vault({ keyFacts: "Facts #", collaborators: "**:**" });
    const first = runCli(cli, ["regenerate", "--vault", dir, "--today", "2025-11-15"]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.warnings).toEqual([
      `warning: ${dir}/${DATA}: section name "Facts #" (Key Facts) cannot be found again as a heading; that section is not regenerated`,
      `warning: ${dir}/${DATA}: section name "**:**" (Collaborators) cannot be found again as a heading; that section is not regenerated`,
    ]);
    const page = read(dir, "Customers/Acme.md");
    expect(page).not.toContain("Facts");
    expect(page).not.toContain("| Person | Role | Company |");
    // Related People still lists Ann: only the two unusable names are left out.
    expect(page).toContain("## Related People\n\n- [[Ann]]\n");
    const again = runCli(cli, ["regenerate", "--vault", dir, "--today", "2025-11-15", "--check"]);
    expect(again.status, again.stdout).toBe(0);
  });

  it("a section renamed: the old heading and its last lines are the user's, a tick waiting there is not written back, the new section is added", () => {
    const call = "Meetings/2025-11-03 Acme call.md";
    const dir = makeVault({ "Customers/Acme.md": lines("# Acme"), [call]: lines("Call with [[Acme]].", "", "- [ ] Send the deck") });
    expect(runCli(cli, ["regenerate", "--vault", dir, "--today", "2025-11-15"]).status).toBe(0);
    const ticked = read(dir, "Customers/Acme.md").replace("- [ ] Send the deck", "- [x] Send the deck");
    writeFiles(dir, { "Customers/Acme.md": ticked, [DATA]: JSON.stringify({ sectionNames: { openTasks: "Tasks" } }) });
    const r = runCli(cli, ["regenerate", "--vault", dir, "--today", "2025-11-15"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.warnings).toEqual([]);
    expect(read(dir, call)).toBe(lines("Call with [[Acme]].", "", "- [ ] Send the deck"));
    // §7: the new section goes after Recent Context, the nearest earlier one; the old heading stays where it was.
    expect(read(dir, "Customers/Acme.md")).toBe(
      ticked.replace(
        "## Open Tasks",
        lines("## Tasks", "", "- [ ] Send the deck ([[2025-11-03 Acme call]])", "", "## Open Tasks").slice(0, -1),
      ),
    );
  });

  it("the default names give no warning", () => {
    const dir = vault({});
    const r = runCli(cli, ["regenerate", "--vault", dir, "--today", "2025-11-15"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.warnings).toEqual([]);
  });
});
