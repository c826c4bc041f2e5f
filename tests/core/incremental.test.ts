// The incremental path gives exactly the pages a full rebuild gives: random sequences of edits,
// renames and deletes on a small CRM vault, compared page by page with VaultIndex.build.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { ignoredPeopleWarnings } from "../../src/core/page";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { VaultIndex, type ChangeResult } from "../../src/core/vault-index";

const TODAY = parseIsoDay("2026-01-01")!;

const CUSTOMERS = ["Customers/Acme.md", "Customers/Globex.md", "Customers/Initech/Initech.md", "Accounts/Umbrella.md"];
const PEOPLE = ["People/Ann Lee.md", "People/Bob Stone.md", "People/Cy Park.md", "Team/Dana.md"];
const PROJECTS = ["Projects/Rollout.md", "Projects/Pilot.md"];
const NOTES = [
  "Meetings/2025-10-01 - Kickoff.md",
  "Meetings/2025-10-02 - Sync.md",
  "Daily/2025-10-03.md",
  "Daily/Oct 4th, 2025.md",
  "Customers/Initech/Call notes.md",
  "Notes/Ideas.md",
  "Notes/Undated.md",
];
// Notes named alike in the pages' folders and elsewhere: the links the pages write depend on the page's folder (§3 step 4).
const ALIKE = ["Ideas.md", "Customers/Ideas.md", "Customers/Initech/Ideas.md", "Initech/Ideas.md"];
// Twins: paths that differ from another's only in case or Unicode form (a Linux file system keeps
// both). A link opens the one it spells exactly, and each gets a warning naming the others.
const TWINS = [
  "meetings/2025-10-02 - sync.md",
  "customers/acme.md",
  "people/ann lee.md",
  "Notes/Caf\u00e9.md",
  "Notes/Cafe\u0301.md",
  "notes/CAF\u00c9.md",
];
const PATHS = [...CUSTOMERS, ...PEOPLE, ...PROJECTS, ...NOTES, ...ALIKE, "Other/Acme.md", "People/Ann.md", ...TWINS];
const NAMES = ["Acme", "Globex", "Initech", "Umbrella", "Ann Lee", "Bob Stone", "Cy Park", "Dana", "Rollout", "Pilot", "Ann", "ACME Corp", "Missing", "Ideas"];
const TWIN_LINKS = ["acme", "ann lee", "Caf\u00e9", "Cafe\u0301", "CAF\u00c9", "/meetings/2025-10-02 - sync", "/Meetings/2025-10-02 - Sync", "2025-10-02 - sync", "./Caf\u00e9", "../customers/acme"];

const link = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: fc.constantFrom(...TWIN_LINKS) }).map((n) => `[[${n}]]`);
// "ACME\n> Corp": an alias wrapped over a quote's lines (B35-B), and over raw HTML's when the line opens a `<div>` (B35-E).
const word = fc.constantFrom("budget", "Acme", "Globex", "Initech's", "storage", "ACME Corp", "pilot", "Umbrella", "rollout", "ACME\n> Corp");
const line = fc.oneof(
  fc.array(fc.oneof(word, link), { minLength: 1, maxLength: 5 }).map((ws) => ws.join(" ")),
  fc.tuple(fc.constantFrom("- [ ] ", "- [x] ", "- ", "- #fact ", "> ", "<div>\n"), fc.array(fc.oneof(word, link), { minLength: 1, maxLength: 3 })).map(
    ([m, ws]) => m + ws.join(" "),
  ),
  fc.constantFrom("## Key Facts", "## Decisions", "## Risks", "## Action Items", "", "```", "%% hidden [[Acme]] %%"),
);
const frontmatter = fc.record(
  {
    type: fc.constantFrom("customer", "person", "project", "meeting", "note"),
    company: fc.constantFrom("[[Acme]]", "[[Globex]]", "Initech", "Our Company", "[[Umbrella]]"),
    customer: fc.constantFrom("[[Acme]]", "Globex", "[[Pilot]]"),
    aliases: fc.constantFrom("[ACME Corp]", "[Ann]", "[Bob]", "[]", "[Rollout]"),
    // The last: one element listing two people, one of them with text after the link (B35-B).
    contacts: fc.constantFrom("[\"[[Ann Lee]]\"]", "[\"[[Dana]]\"]", "[\"[[Ann]] (CTO), [[Bob Stone]]\"]"),
    title: fc.constantFrom("Acme Inc", "Globex"),
    role: fc.constantFrom("CTO", "Buyer"),
  },
  { requiredKeys: [] },
);
const text = fc.tuple(frontmatter, fc.array(line, { maxLength: 8 })).map(([fm, lines]) => {
  const keys = Object.entries(fm);
  const head = keys.length > 0 ? `---\n${keys.map(([k, v]) => `${k}: ${v.startsWith("[[") ? `"${v}"` : v}`).join("\n")}\n---\n` : "";
  return head + lines.join("\n") + "\n";
});

type Op = { op: "set"; path: string; text: string } | { op: "delete"; path: string } | { op: "rename"; from: string; to: string };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant("set" as const), path: fc.constantFrom(...PATHS), text }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("delete" as const), path: fc.constantFrom(...PATHS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("rename" as const), from: fc.constantFrom(...PATHS), to: fc.constantFrom(...PATHS) }) },
);

/** Applies one change to the files and the index; null when it cannot apply (nothing to delete, …). */
function apply(index: VaultIndex, files: Map<string, string>, o: Op): ChangeResult | null {
  if (o.op === "set") {
    files.set(o.path, o.text);
    return index.set(o.path, o.text);
  }
  if (o.op === "delete") {
    if (!files.has(o.path)) return null;
    files.delete(o.path);
    return index.delete(o.path);
  }
  if (!files.has(o.from) || files.has(o.to) || o.from === o.to) return null;
  const t = files.get(o.from)!;
  files.delete(o.from);
  files.set(o.to, t);
  return index.rename(o.from, o.to, t);
}

/** The twin warnings: file → the paths its message names. */
function twinWarnings(index: VaultIndex): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const w of index.warnings()) {
    const m = /^path differs from (.*) only in (?:case|Unicode form|case and Unicode form)[ :]/.exec(w.message);
    if (m) out.set(w.file, m[1]!.split(", "));
  }
  return out;
}

/** What twinWarnings should be, from the paths alone: paths equal once NFC-normalised and lower-cased. */
function expectedTwins(files: Map<string, string>): Map<string, string[]> {
  const paths = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const key = (p: string): string => p.normalize("NFC").toLowerCase();
  const out = new Map<string, string[]>();
  for (const p of paths) {
    const others = paths.filter((q) => q !== p && key(q) === key(p));
    if (others.length > 0) out.set(p, others);
  }
  return out;
}

function pages(index: VaultIndex, files: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of index.customerPaths()) out.set(c, renderPage(index, c, files.get(c)!, TODAY).text);
  return out;
}

describe("incremental index", () => {
  it("gives the pages a full rebuild gives, after any sequence of changes", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PATHS), text), { minLength: 1, maxLength: 12 }), fc.array(op, { minLength: 1, maxLength: 12 }), (initial, ops) => {
        const files = new Map<string, string>(initial);
        const index = VaultIndex.build([...files].map(([path, t]) => ({ path, text: t })), DEFAULT_SETTINGS);
        for (const o of ops) {
          const r = apply(index, files, o);
          if (r === null) continue;
          if (r.needsRematch) index.rematch((p) => files.get(p));
        }
        const fresh = VaultIndex.build([...files].map(([path, t]) => ({ path, text: t })), DEFAULT_SETTINGS);
        expect(index.customerPaths()).toEqual(fresh.customerPaths());
        expect(pages(index, files)).toEqual(pages(fresh, files));
        expect(index.linkGraph()).toEqual(fresh.linkGraph());
        expect(index.warnings()).toEqual(fresh.warnings());
        // A rebuild that reads the files in the other order (the CLI reads them in path order,
        // Obsidian in the order they came) gives the same, twins included.
        const reversed = VaultIndex.build([...files].reverse().map(([path, t]) => ({ path, text: t })), DEFAULT_SETTINGS);
        expect(pages(index, files)).toEqual(pages(reversed, files));
        expect(index.linkGraph()).toEqual(reversed.linkGraph());
        expect(index.warnings()).toEqual(reversed.warnings());
        // A warning on each twin, naming the others, and on no other note.
        expect(twinWarnings(index)).toEqual(expectedTwins(files));
      }),
      { numRuns: 300 },
    );
  });

  it("gives the pages a full rebuild gives after every change, when pages were rendered before it", () => {
    // What the plugin does: render, change, render again. Rendering keeps things between renders
    // (harvested items, lines, people); none of it may outlive the change that makes it wrong.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PATHS), text), { minLength: 1, maxLength: 12 }), fc.array(op, { minLength: 1, maxLength: 10 }), (initial, ops) => {
        const files = new Map<string, string>(initial);
        const index = VaultIndex.build([...files].map(([path, t]) => ({ path, text: t })), DEFAULT_SETTINGS);
        pages(index, files);
        for (const o of ops) {
          const r = apply(index, files, o);
          if (r === null) continue;
          if (r.needsRematch) index.rematch((p) => files.get(p));
          const fresh = VaultIndex.build([...files].map(([path, t]) => ({ path, text: t })), DEFAULT_SETTINGS);
          expect(pages(index, files)).toEqual(pages(fresh, files));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("warns about the same ignored people a full rebuild warns about, after any sequence of changes", () => {
    // Person notes come, go, move and change their aliases; the warning is read from the index as it is.
    const POOL = ["Ann", "Ann Lee", "[[Bob Stone]]", "bob", "People/Cy Park", "Team/Dana", "Dana", "Nobody", "Acme", "./Ann", "../People/Ann"];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...PATHS), text), { minLength: 1, maxLength: 12 }),
        fc.array(op, { minLength: 1, maxLength: 12 }),
        fc.subarray(POOL, { minLength: 1 }),
        (initial, ops, ignored) => {
          const settings = { ...DEFAULT_SETTINGS, ignoredPeople: ignored };
          const files = new Map<string, string>(initial);
          const index = VaultIndex.build([...files].map(([path, t]) => ({ path, text: t })), settings);
          for (const o of ops) {
            const r = apply(index, files, o);
            if (r === null) continue;
            if (r.needsRematch) index.rematch((p) => files.get(p));
            const fresh = VaultIndex.build([...files].map(([path, t]) => ({ path, text: t })), settings);
            expect(ignoredPeopleWarnings(index)).toEqual(ignoredPeopleWarnings(fresh));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("reports every customer whose page a change alters", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PATHS), text), { minLength: 3, maxLength: 12 }), op, (initial, o) => {
        const files = new Map<string, string>(initial);
        const index = VaultIndex.build([...files].map(([path, t]) => ({ path, text: t })), DEFAULT_SETTINGS);
        const before = pages(index, files);
        const r = apply(index, files, o);
        if (r === null) return;
        if (r.needsRematch) for (const c of index.rematch((p) => files.get(p))) r.affected.add(c);
        const after = pages(index, files);
        for (const [c, page] of after) {
          if (before.get(c) !== page) expect(r.affected.has(c), `${c} changed but was not reported`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("what changes read is made lazily (prepareUpdatesSteps)", () => {
  const TODAY = parseIsoDay("2026-01-01")!;
  const ACME = "Customers/Acme.md";
  const files = (meeting: string): Array<{ path: string; text: string }> => [
    { path: ACME, text: "---\ntype: customer\n---\n" },
    { path: "Meetings/M.md", text: meeting },
    // Enough notes for the steps to pause after the meeting (they pause every 64 notes).
    ...Array.from({ length: 70 }, (_, i) => ({ path: `Notes/F${i}.md`, text: `filler ${i}\n` })),
  ];
  const withBob = "---\ntype: meeting\n---\n[[Acme]] with [[Bob]]\n";
  const withCarol = "---\ntype: meeting\n---\n[[Acme]] with [[Carol]]\n";
  const carol = "---\ntype: person\n---\n";

  it("a change while the steps are paused prepares from the notes as they are; the paused steps keep nothing", () => {
    const live = VaultIndex.build(files(withBob), DEFAULT_SETTINGS);
    const steps = live.prepareUpdatesSteps();
    expect(steps.next().done).toBe(false);
    live.set("Meetings/M.md", withCarol);
    while (steps.next().done !== true);
    live.set("People/Carol.md", carol);
    const fresh = VaultIndex.build([...files(withCarol), { path: "People/Carol.md", text: carol }], DEFAULT_SETTINGS);
    const page = renderPage(live, ACME, "", TODAY).text;
    expect(page).toContain("[[Carol]]");
    expect(page).toBe(renderPage(fresh, ACME, "", TODAY).text);
  });

  it("without the steps, the first change makes them; after the steps, changes read them", () => {
    for (const prepare of [false, true]) {
      const live = VaultIndex.build(files(withCarol), DEFAULT_SETTINGS);
      if (prepare) for (const steps = live.prepareUpdatesSteps(); steps.next().done !== true; );
      expect(live.linkersOf("Customers/Acme.md")).toEqual(new Set(["Meetings/M.md"]));
      live.set("People/Carol.md", carol);
      const fresh = VaultIndex.build([...files(withCarol), { path: "People/Carol.md", text: carol }], DEFAULT_SETTINGS);
      expect(renderPage(live, ACME, "", TODAY).text).toBe(renderPage(fresh, ACME, "", TODAY).text);
      expect(renderPage(live, ACME, "", TODAY).text).toContain("[[Carol]]");
    }
  });
});

describe("a link a page writes that another note's coming or going redirects", () => {
  // Not in Customers/: a note there would be a customer, and a customer note is never "empty" (§3 step 4).
  const vault = new Map<string, string>([
    ["Clients/Acme.md", "---\ntype: customer\n---\n# Acme\n"],
    ["Ideas.md", "---\ndate: 2025-10-01\n---\nFor [[Acme]]: storage.\n"],
    ["Notes/Ideas.md", "Unrelated.\n"],
  ]);
  const build = (files: Map<string, string>): VaultIndex => VaultIndex.build([...files].map(([path, t]) => ({ path, text: t })), DEFAULT_SETTINGS);

  it("a third note of a shared name in the page's folder: the page links `../Ideas`, reported and equal to a rebuild", () => {
    const files = new Map(vault);
    const index = build(files);
    expect(pages(index, files).get("Clients/Acme.md")).toContain("- 2025-10-01: [[Ideas]]");
    files.set("Clients/Ideas.md", "Other ideas.\n");
    const r = index.set("Clients/Ideas.md", files.get("Clients/Ideas.md")!);
    expect(r.affected.has("Clients/Acme.md")).toBe(true);
    const page = pages(index, files).get("Clients/Acme.md")!;
    // `[[Ideas]]` from Clients/ would now be Clients/Ideas.md.
    expect(page).toContain("- 2025-10-01: [[../Ideas]]");
    expect(page).toBe(pages(build(files), files).get("Clients/Acme.md"));
    expect(index.resolve("../Ideas", "Clients/Acme.md")).toBe("Ideas.md");

    files.delete("Clients/Ideas.md");
    const back = index.delete("Clients/Ideas.md");
    expect(back.affected.has("Clients/Acme.md")).toBe(true);
    expect(pages(index, files).get("Clients/Acme.md")).toContain("- 2025-10-01: [[Ideas]]");
  });

  it("an empty note shown on the page, whose path another note comes to end with elsewhere: `../People/Jane`, and back when it is written", () => {
    // The meeting links the empty person note exactly (a relative link), so it stays on the page.
    const files = new Map<string, string>([
      ["Clients/Acme.md", "---\ntype: customer\n---\n# Acme\n"],
      ["Meetings/2025-10-01 - Call.md", "Call with [[Acme]] and [[../People/Jane]].\n"],
      ["People/Jane.md", ""],
      ["Notes/Jane.md", "Another Jane.\n"],
    ]);
    const index = build(files);
    expect(pages(index, files).get("Clients/Acme.md")).toContain("| [[People/Jane]] |  |  |");
    // A note elsewhere whose path ends with People/Jane: not empty, so it comes first (§3 step 4).
    files.set("Archive/People/Jane.md", "Old Jane.\n");
    const r = index.set("Archive/People/Jane.md", files.get("Archive/People/Jane.md")!);
    expect(r.affected.has("Clients/Acme.md")).toBe(true);
    expect(pages(index, files).get("Clients/Acme.md")).toContain("| [[../People/Jane]] |  |  |");
    expect(pages(index, files).get("Clients/Acme.md")).toBe(pages(build(files), files).get("Clients/Acme.md"));
    // Jane's note written: no longer empty, an exact match of its own path again.
    files.set("People/Jane.md", "Jane's page.\n");
    const back = index.set("People/Jane.md", files.get("People/Jane.md")!);
    expect(back.affected.has("Clients/Acme.md")).toBe(true);
    expect(pages(index, files).get("Clients/Acme.md")).toContain("| [[People/Jane]] |  |  |");
  });

  it("a note of the same name in the page's folder turning empty, or no longer empty", () => {
    const files = new Map([...vault, ["Clients/Ideas.md", "\n"]]);
    const index = build(files);
    // An empty note comes last (§3 step 4): `[[Ideas]]` reaches Ideas.md.
    expect(pages(index, files).get("Clients/Acme.md")).toContain("- 2025-10-01: [[Ideas]]");
    files.set("Clients/Ideas.md", "Now written.\n");
    const r = index.set("Clients/Ideas.md", files.get("Clients/Ideas.md")!);
    expect(r.affected.has("Clients/Acme.md")).toBe(true);
    expect(pages(index, files).get("Clients/Acme.md")).toContain("- 2025-10-01: [[../Ideas]]");
  });
});

describe("a person's company link that a new note comes to resolve", () => {
  // Found by the property above (seed 1908599747): the Company cell shows the basename of the note
  // a link opens, else the link's text, so a note making `[[Acme]]` open `customers/acme.md`
  // changes the cell of every page listing the person, though none of their relations moved.
  const files = new Map([
    ["People/Bob Stone.md", '---\ncompany: "[[Acme]]"\n---\n'],
    ["Customers/Globex.md", "---\ntype: customer\n---\n"],
    ["Meetings/2025-10-02 - Sync.md", "---\ncustomer: Globex\n---\nWith [[Bob Stone]].\n"],
  ]);

  it("reports the pages listing the person, each then equal to a rebuild", () => {
    const index = VaultIndex.build([...files].map(([path, t]) => ({ path, text: t })), DEFAULT_SETTINGS);
    expect(pages(index, files).get("Customers/Globex.md")).toMatch(/\| \[\[Bob Stone\]\] \|[^\n]*\| Acme \|/);
    files.set("Companies/acme.md", "---\ntype: project\n---\n");
    const r = index.set("Companies/acme.md", files.get("Companies/acme.md")!);
    expect(r.affected.has("Customers/Globex.md")).toBe(true);
    const after = pages(index, files).get("Customers/Globex.md")!;
    expect(after).toMatch(/\| \[\[Bob Stone\]\] \|[^\n]*\| acme \|/);
    const rebuilt = VaultIndex.build([...files].map(([path, t]) => ({ path, text: t })), DEFAULT_SETTINGS);
    expect(after).toBe(pages(rebuilt, files).get("Customers/Globex.md"));
  });
});
