// §6: a self-link `[[#…]]` becomes a link into its source; a source whose name a wikilink cannot
// hold (`C# review`, made outside Obsidian) is linked by a markdown link to its path (README), and
// so are its self-links — `[[C# review#Details]]` would be split at the first `#`.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, lines, makeVault, read, removeTemps, runCli } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const NOTE = "Meetings/2025-11-01 - C# review.md";
const DEST = "Meetings/2025-11-01%20-%20C%23%20review.md";

describe("self-links in a source whose name a wikilink cannot hold", () => {
  it("are markdown links to its path, and a tick on such a task reaches it", () => {
    const note = (box: string) => lines("[[Acme]]", "## Key Facts", "- see [[#Details]] ^k1", `- [${box}] read [[#Details]]`, "## Details", "x");
    const vault = makeVault({ "Customers/Acme.md": lines("# Acme"), [NOTE]: note(" ") });
    const run = () => runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(run().errLines).toEqual([]);
    const page = (tasks: string[]) =>
      lines(
        "---",
        "last_contact: 2025-11-01",
        "---",
        "# Acme",
        "",
        "## Recent Context",
        "",
        `- 2025-11-01: [2025-11-01 - C# review](${DEST}) - Acme`,
        "",
        "## Key Facts",
        "",
        `- see [Details](${DEST}#Details) ([2025-11-01 - C# review](${DEST}#%5Ek1))`,
        "",
        ...(tasks.length > 0 ? ["## Open Tasks", "", ...tasks, ""] : []),
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-11-01 |",
      );
    const task = `read [Details](${DEST}#Details) ([2025-11-01 - C# review](${DEST}))`;
    expect(read(vault, "Customers/Acme.md")).toBe(page([`- [ ] ${task}`]));
    // The user ticks the box on the page.
    writeFileSync(join(vault, "Customers/Acme.md"), page([`- [x] ${task}`]));
    const r = run();
    expect(r.errLines).toEqual([]);
    expect(read(vault, NOTE)).toBe(note("x"));
  });

  it("keep the code spans of their shown text (code shows as code, as in the note); a tick on such a task reaches it", () => {
    const name = "2025-11-02 - 50%% off";
    const dest = "Meetings/2025-11-02%20-%2050%25%25%20off.md";
    const note = (box: string) => lines("[[Acme]]", "## Key Facts", "- run [[#Setup|the `deploy` step]] first", `- [${box}] check [[#Setup|\`kubectl\` output]]`, "## Setup", "x");
    const vault = makeVault({ "Customers/Acme.md": lines("# Acme"), [`Meetings/${name}.md`]: note(" ") });
    const run = () => runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(run().errLines).toEqual([]);
    const source = `([2025-11-02 - 50\\%% off](${dest}))`;
    const page = (box: string) =>
      lines(
        "---",
        "last_contact: 2025-11-02",
        "---",
        "# Acme",
        "",
        "## Recent Context",
        "",
        `- 2025-11-02: [2025-11-02 - 50\\%% off](${dest}) - Acme`,
        "",
        "## Key Facts",
        "",
        `- run [the \`deploy\` step](${dest}#Setup) first ${source}`,
        "",
        "## Open Tasks",
        "",
        `- [${box}] check [\`kubectl\` output](${dest}#Setup) ${source}`,
        "",
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-11-02 |",
      );
    expect(read(vault, "Customers/Acme.md")).toBe(page(" "));
    writeFileSync(join(vault, "Customers/Acme.md"), page("x"));
    expect(run().errLines).toEqual([]);
    expect(read(vault, `Meetings/${name}.md`)).toBe(note("x"));
  });
});

