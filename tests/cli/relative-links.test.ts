// §3 step 4 puts a note in the linking note's own folder first. A link the page writes as a
// basename or a path (§7) that a note in the page's folder would take is written relative to the
// page instead (`[[../Sync]]`, step 2), and a tick on a task harvested through it reaches its source.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, lines, makeVault, read, removeTemps, runCli } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

describe("a link the page's folder would take elsewhere", () => {
  const note = (box: string) =>
    lines("---", "date: 2025-11-01", "---", "Call with [[Acme]].", "", `- [${box}] read [[#Details]]`, "", "## Details", "x");
  const files = {
    "Accounts/Acme.md": lines("---", "type: customer", "---", "# Acme"),
    // A planning note beside the page, named like the meeting note at the vault's root.
    "Accounts/Sync.md": lines("Renewal plan."),
    "Sync.md": note(" "),
  };
  const page = (box: string) =>
    lines(
      "---",
      "type: customer",
      "last_contact: 2025-11-01",
      "---",
      "# Acme",
      "",
      "## Recent Context",
      "",
      "- 2025-11-01: [[../Sync]] - Call with Acme.",
      "",
      "## Open Tasks",
      "",
      `- [${box}] read [[../Sync#Details]] ([[../Sync]])`,
      "",
      "## Account Status",
      "",
      "| Field | Value |",
      "|-------|-------|",
      "| **Last contact** | 2025-11-01 |",
    );

  it("is written relative to the page, resolves to its note, and a tick reaches that note", () => {
    const vault = makeVault(files);
    const run = () => runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(run().errLines).toEqual([]);
    expect(read(vault, "Accounts/Acme.md")).toBe(page(" "));
    // What the page links is what Obsidian would open: the root note, not Accounts/Sync.md.
    const graph = JSON.parse(runCli(cli, ["links", "--vault", vault]).stdout) as Record<string, Record<string, number>>;
    expect(graph["Accounts/Acme.md"]).toEqual({ "Sync.md": 3 });
    writeFileSync(join(vault, "Accounts/Acme.md"), page("x"));
    expect(run().errLines).toEqual([]);
    expect(read(vault, "Sync.md")).toBe(note("x"));
    expect(read(vault, "Accounts/Sync.md")).toBe(files["Accounts/Sync.md"]);
  });

  it("a tick on a task written before a note of the same name came beside the page still reaches it", () => {
    const before = (box: string) => lines("---", "date: 2025-11-01", "---", "Call with [[Acme]].", "", `- [${box}] read [[#Details]]`, "", "## Details", "x");
    const vault = makeVault({ "Accounts/Acme.md": files["Accounts/Acme.md"], "Sync.md": before(" ") });
    const run = () => runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(run().errLines).toEqual([]);
    const written = read(vault, "Accounts/Acme.md");
    expect(written).toContain("- [ ] read [[Sync#Details]] ([[Sync]])");
    // The user ticks it; meanwhile a note of the same name appears beside the page.
    writeFileSync(join(vault, "Accounts/Acme.md"), written.replace("- [ ] read [[Sync#Details]]", "- [x] read [[Sync#Details]]"));
    writeFileSync(join(vault, "Accounts/Sync.md"), files["Accounts/Sync.md"]);
    const r = run();
    expect(r.errLines).toEqual([]);
    expect(read(vault, "Sync.md")).toBe(before("x"));
  });

  it("a tick on a task in a note named like a file (x.md) still reaches it after the link text changed", () => {
    const note = (box: string) => lines("---", "date: 2025-11-01", "---", "With [[Acme]].", "", `- [${box}] task A [[#H]]`, "", "## H", "x");
    const vault = makeVault({ "Accounts/Acme.md": files["Accounts/Acme.md"], "A/x.md.md": note(" "), "B/x.md.md": lines("Another.") });
    const run = () => runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(run().errLines).toEqual([]);
    const written = read(vault, "Accounts/Acme.md");
    expect(written).toContain("- [ ] task A [[A/x.md.md#H]] ([[A/x.md.md]])");
    writeFileSync(join(vault, "Accounts/Acme.md"), written.replace("- [ ] task A", "- [x] task A"));
    rmSync(join(vault, "B"), { recursive: true }); // the name is no longer shared: the page now writes [[x.md.md#H]]
    expect(run().errLines).toEqual([]);
    expect(read(vault, "A/x.md.md")).toBe(note("x"));
  });
});
