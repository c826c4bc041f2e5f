// File names that a wikilink cannot hold (`#`, `|`, `^`, `[`, `]` — possible for notes made outside
// Obsidian): the page links them with markdown links that resolve back to the same notes, ticks
// find their source through them, and a second run changes nothing.
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { parseNote } from "../../src/core/note";
import { noteLink } from "../../src/core/page";
import { regenerate } from "../../src/core/regenerate";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";

const TODAY = parseIsoDay("2026-01-01")!;

/** A vault held in a map: what regenerate reads and writes, and a fresh index of it. */
function inMemory(files: Map<string, string>) {
  const io = {
    read: async (p: string) => files.get(p) ?? null,
    write: async (p: string, expected: string, next: string) => {
      if (files.get(p) !== expected) return false;
      files.set(p, next);
      return true;
    },
  };
  const build = (): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
  return { io, build };
}

describe("names a wikilink cannot hold", () => {
  it("noteLink writes a markdown link whose target and fragment resolve back", () => {
    expect(noteLink("Acme", "Customers/Acme.md")).toBe("[[Acme]]");
    expect(noteLink("Acme", "Customers/Acme.md", "^id")).toBe("[[Acme#^id]]");
    const link = noteLink("Ops #2 [EU]", "Notes/Ops #2 [EU].md", "^b1");
    expect(link).toBe("[Ops #2 \\[EU\\]](Notes/Ops%20%232%20%5BEU%5D.md#%5Eb1)");
    const { note } = parseNote("Customers/X.md", `See ${link}.\n`, DEFAULT_SETTINGS);
    expect(note.links.map((l) => [l.target, l.subpath])).toEqual([["Notes/Ops #2 [EU].md", "^b1"]]);
  });

  it("a vault of such names: pages link the right notes, ticks go back, a second run is quiet", async () => {
    const files = new Map<string, string>([
      ["Customers/C#ops (EU).md", "---\ntype: customer\naliases: [COPS]\n---\n# C#ops\n"],
      ["People/Ann | Lee.md", "---\ncompany: COPS\nrole: CTO\n---\n"],
      ["Meetings/2025-10-01 - Sync ^1.md", "Sync with COPS and [Ann](../People/Ann%20%7C%20Lee.md).\n\n- [ ] Send the plan\n"],
      ["Meetings/2025-10-02 - 🚀 إطلاق.md", "COPS launch.\n\n## Key Facts\n\n- Launch is in May\n"],
    ]);
    const { io, build } = inMemory(files);
    await regenerate(build(), ["Customers/C#ops (EU).md"], io, { today: TODAY, write: true });
    const page = files.get("Customers/C#ops (EU).md")!;
    expect(page).toContain("- 2025-10-02: [[2025-10-02 - 🚀 إطلاق]] - COPS launch.");
    expect(page).toContain("- 2025-10-01: [2025-10-01 - Sync ^1](Meetings/2025-10-01%20-%20Sync%20%5E1.md) - Sync with COPS and Ann.");
    // `company: COPS` is plain text, shown as written.
    expect(page).toContain("| [Ann \\| Lee](People/Ann%20%7C%20Lee.md) | CTO | COPS |");
    expect(page).toContain("- [ ] Send the plan ([2025-10-01 - Sync ^1](Meetings/2025-10-01%20-%20Sync%20%5E1.md))");
    // Every link the page writes resolves to a note of the vault.
    const index = build();
    const { note } = parseNote("Customers/C#ops (EU).md", page, DEFAULT_SETTINGS);
    const targets = note.links.map((l) => index.resolve(l.target, note.path));
    expect(targets).not.toContain(null);
    expect(new Set(targets)).toEqual(new Set(["Meetings/2025-10-01 - Sync ^1.md", "Meetings/2025-10-02 - 🚀 إطلاق.md", "People/Ann | Lee.md"]));
    // A second run changes nothing.
    expect(renderPage(index, "Customers/C#ops (EU).md", page, TODAY).text).toBe(page);
    // A tick on a line whose source is a markdown link goes back to that note.
    files.set("Customers/C#ops (EU).md", page.replace("- [ ] Send the plan", "- [x] Send the plan"));
    await regenerate(build(), ["Customers/C#ops (EU).md"], io, { today: TODAY, write: true });
    expect(files.get("Meetings/2025-10-01 - Sync ^1.md")).toBe("Sync with COPS and [Ann](../People/Ann%20%7C%20Lee.md).\n\n- [x] Send the plan\n");
  });

  it("names holding %%, $$, <!-- or a backtick are markdown links too: the page's escapes would be part of a wikilink's target", async () => {
    const names = ["2025-01-04 50%% off", "2025-01-03 $$ deal", "2025-01-02 a <!-- b", "2025-01-01 `x` review", "2025-01-05 one ` tick"];
    const files = new Map<string, string>([["Customers/Acme.md", "# Acme\n"]]);
    for (const n of names) files.set(`Meetings/${n}.md`, `About [[Acme]].\n\n- [ ] Task of ${n.slice(11)}\n`);
    const { io, build } = inMemory(files);
    await regenerate(build(), ["Customers/Acme.md"], io, { today: TODAY, write: true });
    const page = files.get("Customers/Acme.md")!;
    expect(page).toContain("- 2025-01-04: [2025-01-04 50\\%% off](Meetings/2025-01-04%2050%25%25%20off.md) - About Acme.");
    expect(page).toContain("- 2025-01-01: [2025-01-01 &#96;x&#96; review](Meetings/2025-01-01%20%60x%60%20review.md) - About Acme.");
    expect(page).not.toContain("[[");
    const index = build();
    const { note } = parseNote("Customers/Acme.md", page, DEFAULT_SETTINGS);
    // Every link the page writes opens its note: five notes, each linked from Recent Context and Open Tasks.
    const targets = note.links.map((l) => index.resolve(l.target, note.path));
    expect(targets).toHaveLength(10);
    expect(new Set(targets)).toEqual(new Set(names.map((n) => `Meetings/${n}.md`)));
    expect(renderPage(index, "Customers/Acme.md", page, TODAY).text).toBe(page);
    expect(index.warnings().filter((w) => w.file === "Customers/Acme.md")).toEqual([]);
    // Ticks go back through them.
    files.set("Customers/Acme.md", page.replaceAll("- [ ] Task", "- [x] Task"));
    await regenerate(build(), ["Customers/Acme.md"], io, { today: TODAY, write: true });
    for (const n of names) expect(files.get(`Meetings/${n}.md`)).toBe(`About [[Acme]].\n\n- [x] Task of ${n.slice(11)}\n`);
  });

  it("a self-link's shown text keeps its code spans in such a note: code shows as code, as in the note", async () => {
    const NOTE = "Meetings/2025-01-04 50%% off.md";
    const DEST = "Meetings/2025-01-04%2050%25%25%20off.md";
    const note = (box: string) =>
      [
        "About [[Acme]].",
        "",
        "## Key Facts",
        "",
        "- Run [[#Setup|the `deploy` step]] first",
        "- See [[#The `x` flag]] and [[#Setup|`a[0]`]]",
        // A run of two backticks finds no closer of two: it is text, and the link's code is code.
        "- Two `` ticks, then [[#Setup|the `deploy` step]]",
        // A lone backtick in the shown text is text: `&#96;`, as before.
        "- Half [[#Setup|a `b]] c",
        "",
        `- [${box}] Check [[#Setup|the \\\`deploy\\\` step]]`,
        "",
        "## Setup",
        "",
        "x",
        "",
      ].join("\n");
    const files = new Map<string, string>([["Customers/Acme.md", "# Acme\n"], [NOTE, note(" ")]]);
    const { io, build } = inMemory(files);
    await regenerate(build(), ["Customers/Acme.md"], io, { today: TODAY, write: true });
    const page = files.get("Customers/Acme.md")!;
    const src = " ([2025-01-04 50\\%% off](" + DEST + "))\n";
    expect(page).toContain("- Run [the `deploy` step](" + DEST + "#Setup) first" + src);
    expect(page).toContain("- See [The `x` flag](" + DEST + "#The%20%60x%60%20flag) and [`a[0]`](" + DEST + "#Setup)" + src);
    expect(page).toContain("- Two `` ticks, then [the `deploy` step](" + DEST + "#Setup)" + src);
    expect(page).toContain("- Half [a &#96;b](" + DEST + "#Setup) c" + src);
    // Escaped backticks are no code: written as before, the backslashes escaped.
    expect(page).toContain("- [ ] Check [the \\\\&#96;deploy\\\\&#96; step](" + DEST + "#Setup)" + src);
    // Every link of the page opens the note, and a second run changes nothing.
    const index = build();
    const { note: parsed } = parseNote("Customers/Acme.md", page, DEFAULT_SETTINGS);
    expect(new Set(parsed.links.map((l) => index.resolve(l.target, parsed.path)))).toEqual(new Set([NOTE]));
    expect(parsed.links.filter((l) => l.subpath !== null).map((l) => l.subpath)).toEqual(["Setup", "The `x` flag", "Setup", "Setup", "Setup", "Setup"]);
    expect(renderPage(index, "Customers/Acme.md", page, TODAY).text).toBe(page);
    files.set("Customers/Acme.md", page.replace("- [ ] Check", "- [x] Check"));
    await regenerate(build(), ["Customers/Acme.md"], io, { today: TODAY, write: true });
    expect(files.get(NOTE)).toBe(note("x"));
  });

  it("a tick on a page written by the previous build (the self-link's code written `&#96;`) still reaches its task", async () => {
    const NOTE = "Meetings/2025-01-04 50%% off.md";
    const DEST = "Meetings/2025-01-04%2050%25%25%20off.md";
    const note = (box: string) => `About [[Acme]].\n\n- [${box}] Run [[#Setup|the \`deploy\` step]]\n\n## Setup\n\nx\n`;
    const src = " ([2025-01-04 50\\%% off](" + DEST + "))";
    const files = new Map<string, string>([["Customers/Acme.md", "# Acme\n"], [NOTE, note(" ")]]);
    const { io, build } = inMemory(files);
    await regenerate(build(), ["Customers/Acme.md"], io, { today: TODAY, write: true });
    const page = files.get("Customers/Acme.md")!;
    const now = "- [ ] Run [the `deploy` step](" + DEST + "#Setup)" + src;
    expect(page).toContain(now + "\n");
    // The line as the previous build wrote it, ticked there.
    files.set("Customers/Acme.md", page.replace(now, "- [x] Run [the &#96;deploy&#96; step](" + DEST + "#Setup)" + src));
    const r = await regenerate(build(), ["Customers/Acme.md"], io, { today: TODAY, write: true });
    expect(r.warnings).toEqual([]);
    expect(files.get(NOTE)).toBe(note("x"));
    expect(files.get("Customers/Acme.md")).not.toContain("deploy");
  });
});
