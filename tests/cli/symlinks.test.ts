// Symbolic links, as Obsidian treats them (its help, "Symbolic links and junctions"): a linked
// folder outside the vault is part of it; a link to the vault, to a folder inside it, or to a
// folder another link already brings in is ignored (no loop, no note twice); a linked note is a
// note. Writing a page or a tick through a link keeps the link and changes its target.
import { lstatSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, lines, makeVault, read, removeTemps, runCli, tempDir, writeFiles } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const review = (box: string) => lines("Review with [[Acme]].", "", `- [${box}] send the deck`);

function vaultWithLinks(): { vault: string; outside: string } {
  const outside = tempDir();
  writeFiles(outside, {
    "Pages/Acme.md": lines("# Acme"),
    "Shared/2025-11-02 - Review.md": review(" "),
    "Shared/Deep/2025-10-30 Notes.md": lines("Notes on [[Acme]]."),
  });
  const vault = makeVault({ "Meetings/2025-11-01 - Kickoff.md": lines("Kickoff with [[Acme]].") });
  mkdirSync(join(vault, "Customers"));
  symlinkSync(join(outside, "Pages/Acme.md"), join(vault, "Customers/Acme.md"));
  symlinkSync(join(outside, "Shared"), join(vault, "Linked"));
  // Ignored: inside a folder already linked; the vault itself; a folder of the vault; the vault
  // again from inside the linked folder; a link to nothing.
  symlinkSync(join(outside, "Shared/Deep"), join(vault, "Shortcut"));
  symlinkSync(vault, join(vault, "Loop"));
  symlinkSync(join(vault, "Meetings"), join(vault, "Inner"));
  symlinkSync(vault, join(outside, "Shared/Back"));
  symlinkSync(join(outside, "nothing.md"), join(vault, "Gone.md"));
  return { vault, outside };
}

/** The page, its Open Tasks section holding `tasks` (a section emptied by a tick keeps its heading, §7). */
const page = (tasks: string[]) =>
  lines(
    "---",
    "last_contact: 2025-11-02",
    "---",
    "# Acme",
    "",
    "## Recent Context",
    "",
    "- 2025-11-02: [[2025-11-02 - Review]] - Review with Acme.",
    "- 2025-11-01: [[2025-11-01 - Kickoff]] - Kickoff with Acme.",
    "- 2025-10-30: [[2025-10-30 Notes]] - Notes on Acme.",
    "",
    "## Open Tasks",
    "",
    ...(tasks.length > 0 ? [...tasks, ""] : []),
    "## Account Status",
    "",
    "| Field | Value |",
    "|-------|-------|",
    "| **Last contact** | 2025-11-02 |",
  );

describe("symbolic links in the vault", () => {
  it("a linked folder outside the vault is read; links that would loop or repeat notes are not", () => {
    const { vault } = vaultWithLinks();
    const r = runCli(cli, ["links", "--vault", vault]);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    expect(Object.keys(JSON.parse(r.stdout) as object).sort()).toEqual([
      "Customers/Acme.md",
      "Linked/2025-11-02 - Review.md",
      "Linked/Deep/2025-10-30 Notes.md",
      "Meetings/2025-11-01 - Kickoff.md",
    ]);
  });

  it("a page and a tick written through links keep the links and change their targets", () => {
    const { vault, outside } = vaultWithLinks();
    const run = () => runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(run().errLines).toEqual([]);
    expect(lstatSync(join(vault, "Customers/Acme.md")).isSymbolicLink()).toBe(true);
    expect(read(outside, "Pages/Acme.md")).toBe(page(["- [ ] send the deck ([[2025-11-02 - Review]])"]));
    // The user ticks the task on the page (their editor writes through the link too).
    writeFileSync(join(vault, "Customers/Acme.md"), page(["- [x] send the deck ([[2025-11-02 - Review]])"]));
    expect(run().errLines).toEqual([]);
    expect(read(outside, "Shared/2025-11-02 - Review.md")).toBe(review("x"));
    expect(lstatSync(join(vault, "Customers/Acme.md")).isSymbolicLink()).toBe(true);
    expect(read(outside, "Pages/Acme.md")).toBe(page([]));
  });
});
