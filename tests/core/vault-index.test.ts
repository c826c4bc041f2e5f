// The vault index: exclusions, warnings, the link graph, and incremental changes that must end
// in the same pages as a fresh build over the changed files.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";

const TODAY = parseIsoDay("2025-11-01")!;
const fm = (yaml: string, body = ""): string => `---\n${yaml}\n---\n${body}`;

function build(files: ReadonlyMap<string, string> | Record<string, string>, settings: Settings = DEFAULT_SETTINGS, excluded: string[] = []): VaultIndex {
  const entries = files instanceof Map ? [...files] : Object.entries(files);
  return VaultIndex.build(
    entries.map(([path, text]) => ({ path, text })),
    settings,
    excluded,
  );
}

/** Every customer page as rendered from `index`, keyed by path. */
function pages(index: VaultIndex, files: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of index.customerPaths()) out[c] = renderPage(index, c, files.get(c) ?? "", TODAY).text;
  return out;
}

/** The state a host can observe: pages, customers, relations, link graph, warnings. */
function observe(index: VaultIndex, files: ReadonlyMap<string, string>) {
  const relations: Record<string, Record<string, string | null>> = {};
  for (const p of [...files.keys()].sort()) {
    const r = index.relationsOf(p);
    if (r.size > 0) relations[p] = Object.fromEntries([...r].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  }
  return {
    customers: index.customerPaths(),
    pages: pages(index, files),
    relations,
    graph: index.linkGraph(),
    warnings: index.warnings(),
  };
}

type Op = { op: "set"; path: string; text: string } | { op: "delete"; path: string } | { op: "rename"; from: string; to: string };

/** Applies an op to the index as a host does (rematching when names changed) and to the file map. */
function apply(index: VaultIndex, files: Map<string, string>, op: Op): void {
  let r;
  if (op.op === "set") {
    files.set(op.path, op.text);
    r = index.set(op.path, op.text);
  } else if (op.op === "delete") {
    if (!files.has(op.path)) return;
    files.delete(op.path);
    r = index.delete(op.path);
  } else {
    const text = files.get(op.from);
    if (text === undefined || files.has(op.to)) return;
    files.delete(op.from);
    files.set(op.to, text);
    r = index.rename(op.from, op.to, text);
  }
  if (r.needsRematch) index.rematch((p) => files.get(p));
}

function checkSteps(initial: Record<string, string>, ops: Op[], settings: Settings = DEFAULT_SETTINGS, excluded: string[] = []): void {
  const files = new Map(Object.entries(initial));
  const index = build(files, settings, excluded);
  ops.forEach((op, step) => {
    apply(index, files, op);
    const fresh = build(files, settings, excluded);
    expect(observe(index, files), `after step ${step}: ${JSON.stringify(op)}`).toEqual(observe(fresh, files));
  });
}

const BASE: Record<string, string> = {
  "Customers/Acme.md": fm("aliases: [Acme Co]\nstatus: Active", "# Acme\n\n## Notes\nmine\n"),
  "Customers/Globex.md": "# Globex\n",
  "People/Alice.md": fm('company: "[[Acme]]"\nrole: CTO'),
  "People/Bob.md": fm("company: Globex"),
  "Notes/2025-10-01 Sync.md": "Met [[Alice]].\n## Key Facts\n- fact one\n- [ ] task one\n",
  "Notes/2025-10-02.md": "Acme Co call.\n## Risks\n- risk one\n",
  "Notes/2025-10-03.md": "[[Bob]] and [[Alice]] at [[Globex]].\n## Key Facts\n- globex fact\n",
};

describe("incremental changes give the same state as a fresh build", () => {
  it("adding, changing and deleting related notes", () => {
    checkSteps(BASE, [
      { op: "set", path: "Notes/2025-10-04.md", text: "Acme sync.\n## Decisions\n- go\n" },
      { op: "set", path: "Notes/2025-10-02.md", text: "No customer here.\n" },
      { op: "delete", path: "Notes/2025-10-01 Sync.md" },
      { op: "set", path: "Notes/2025-10-01 Sync.md", text: "[[Acme]]\n- [ ] back\n" },
    ]);
  });

  it("changing who belongs to a customer", () => {
    checkSteps(BASE, [
      { op: "set", path: "People/Alice.md", text: fm("company: Globex") },
      { op: "set", path: "People/Bob.md", text: fm("company: Acme Co") },
      { op: "delete", path: "People/Bob.md" },
      { op: "set", path: "Customers/Acme.md", text: fm('contacts: ["[[Bob]]"]') },
      { op: "set", path: "People/Bob.md", text: "Bob\n" },
    ]);
  });

  it("customer names change: aliases added, shared, removed; mentions turned off", () => {
    checkSteps(BASE, [
      { op: "set", path: "Customers/Globex.md", text: fm("aliases: [Acme Co]") },
      { op: "set", path: "Customers/Acme.md", text: fm("aliases: [Acme Co]\nmentions: false") },
      { op: "set", path: "Customers/Globex.md", text: "# Globex\n" },
      { op: "set", path: "Customers/Acme.md", text: fm("title: Acme Company") },
    ]);
  });

  it("a new customer appears and disappears", () => {
    checkSteps(BASE, [
      { op: "set", path: "Customers/Initech.md", text: "# Initech\n" },
      { op: "set", path: "Notes/2025-10-05.md", text: "Initech and Acme.\n" },
      { op: "delete", path: "Customers/Initech.md" },
      { op: "set", path: "Notes/x.md", text: fm("type: customer") },
      { op: "set", path: "Notes/x.md", text: fm("type: person\ncompany: Acme") },
    ]);
  });

  it("renaming a customer, a person and a note", () => {
    checkSteps(BASE, [
      { op: "rename", from: "Customers/Acme.md", to: "Customers/Acme Corp.md" },
      { op: "rename", from: "People/Alice.md", to: "People/Alice Smith.md" },
      { op: "rename", from: "Notes/2025-10-02.md", to: "Customers/Globex/2025-10-02.md" },
      { op: "rename", from: "Customers/Acme Corp.md", to: "Customers/Acme.md" },
    ]);
  });

  it("basenames becoming shared change the links pages write", () => {
    checkSteps(BASE, [
      { op: "set", path: "Archive/2025-10-02.md", text: "old\n" },
      { op: "set", path: "Archive/Alice.md", text: "old\n" },
      { op: "delete", path: "Archive/2025-10-02.md" },
    ]);
  });

  it("empty notes and unresolved links", () => {
    checkSteps(BASE, [
      { op: "set", path: "Acme.md", text: "" },
      { op: "set", path: "Notes/2025-10-06.md", text: "[[Acme]] and [[Nobody]]\n" },
      { op: "delete", path: "Customers/Acme.md" },
      { op: "set", path: "Acme.md", text: "now a note\n" },
      { op: "set", path: "Nobody.md", text: "" },
    ]);
  });

  it("excluded notes are link targets only", () => {
    checkSteps(
      BASE,
      [
        { op: "set", path: "Templates/Meeting.md", text: "[[Acme]]\n## Key Facts\n- template fact\n" },
        { op: "set", path: "Templates/Acme Co.md", text: "x\n" },
        { op: "delete", path: "Templates/Meeting.md" },
      ],
      DEFAULT_SETTINGS,
      ["Templates"],
    );
  });

  it("notes whose paths differ only in case or Unicode form: their warnings come and go, in any order of changes", () => {
    const twins = (index: VaultIndex): string[] => index.warnings().filter((w) => w.message.includes("is ambiguous")).map((w) => w.file);
    const files = new Map(Object.entries(BASE));
    const index = build(files);
    const steps: Array<[Op, string[]]> = [
      [{ op: "set", path: "notes/2025-10-01 sync.md", text: "Lower-case twin, about [[Globex]].\n" }, ["Notes/2025-10-01 Sync.md", "notes/2025-10-01 sync.md"]],
      [{ op: "set", path: "NOTES/2025-10-01 SYNC.md", text: "A third.\n" }, ["NOTES/2025-10-01 SYNC.md", "Notes/2025-10-01 Sync.md", "notes/2025-10-01 sync.md"]],
      [{ op: "delete", path: "Notes/2025-10-01 Sync.md" }, ["NOTES/2025-10-01 SYNC.md", "notes/2025-10-01 sync.md"]],
      [{ op: "rename", from: "NOTES/2025-10-01 SYNC.md", to: "Notes/Other.md" }, []],
      [{ op: "set", path: "People/Alice.md", text: fm('company: "[[Acme]]"\nrole: CTO') }, []],
      [{ op: "set", path: "People/Ali\u0301ce.md", text: fm("company: Globex") }, []],
      [{ op: "rename", from: "notes/2025-10-01 sync.md", to: "Notes/2025-10-01 Sync.md" }, []],
      [{ op: "set", path: "Customers/Globe\u0301x.md", text: "# Decomposed\n" }, []],
      [{ op: "set", path: "Customers/Glob\u00e9x.md", text: "# Composed\n" }, ["Customers/Globe\u0301x.md", "Customers/Glob\u00e9x.md"]],
      [{ op: "rename", from: "Customers/Glob\u00e9x.md", to: "customers/glob\u00e9x.md" }, ["Customers/Globe\u0301x.md", "customers/glob\u00e9x.md"]],
      [{ op: "delete", path: "Customers/Globe\u0301x.md" }, []],
    ];
    for (const [op, want] of steps) {
      apply(index, files, op);
      const where = JSON.stringify(op);
      expect(twins(index), where).toEqual(want);
      // The same as a fresh build, in either order of the files.
      expect(observe(index, files), where).toEqual(observe(build(files), files));
      expect(observe(index, files), where).toEqual(observe(build(new Map([...files].reverse())), files));
    }
  });

  it("random sequences of changes (property)", () => {
    const variants: Record<string, string[]> = {
      "Customers/Acme.md": ["# Acme\n", fm("aliases: [Acme Co]"), fm("mentions: false"), fm("type: person\ncompany: Globex"), fm('contacts: ["[[Bob]]"]')],
      "Customers/Globex.md": ["# Globex\n", fm("aliases: [Acme Co, Glo]")],
      "Customers/Acme/Call.md": ["Call notes\n- [ ] task A\n"],
      "People/Alice.md": [fm("company: Acme"), fm("company: Globex"), fm("company: Acme Co"), fm('aliases: [Ali]\ncompany: "[[Acme]]"')],
      "People/Bob.md": [fm("company: Globex"), "", fm("role: Eng")],
      "Notes/2025-10-01.md": ["Met [[Alice]].\n## Key Facts\n- fact one\n", "Acme Co rocks\n- [ ] task B\n", "[[Ali]] and [[Acme]]\n## Topics\n- x\n", ""],
      "Notes/2025-10-02.md": ["[[Bob]] [[Alice]]\n", "Globex and Acme\n## Risks\n- risk\n", "[[Glo]] [[Bob]]\n## Key Facts\n- f\n"],
      "Archive/2025-10-01.md": ["old\n"],
      "Acme.md": ["", "   \n", "a note named Acme\n"],
      "Templates/t.md": ["[[Acme]]\n## Key Facts\n- tpl\n"],
    };
    const paths = Object.keys(variants);
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc
        .constantFrom(...paths)
        .chain((path) => fc.constantFrom(...variants[path]!).map((text): Op => ({ op: "set", path, text }))),
      fc.constantFrom(...paths).map((path): Op => ({ op: "delete", path })),
      fc.tuple(fc.constantFrom(...paths), fc.constantFrom(...paths)).map(([from, to]): Op => ({ op: "rename", from, to })),
    );
    const initial = Object.fromEntries(paths.filter((p) => p !== "Acme.md").map((p) => [p, variants[p]![0]!]));
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 8 }), (ops) => {
        const files = new Map(Object.entries(initial));
        const index = build(files, DEFAULT_SETTINGS, ["Templates"]);
        for (const op of ops) apply(index, files, op);
        expect(observe(index, files)).toEqual(observe(build(files, DEFAULT_SETTINGS, ["Templates"]), files));
      }),
      { numRuns: 150 },
    );
  });
});

describe("build", () => {
  const index = build(
    {
      "Customers/Acme.md": "# Acme\n",
      "Templates/Meeting.md": "[[Acme]]\n",
      ".obsidian/x.md": "[[Acme]]\n",
      "Notes/a.md": "[[Acme]] [[Meeting]] [[Nowhere]] ![[img.png]] [[Nowhere]] [[Other#H]]\n",
      "Notes/b.md": "---\na: [\n---\n",
      "img.png": "",
    },
    DEFAULT_SETTINGS,
    ["Templates"],
  );

  it("reads only .md files outside dot-folders and excluded folders", () => {
    expect([...index.notes.keys()].sort()).toEqual(["Customers/Acme.md", "Notes/a.md", "Notes/b.md"]);
    expect(index.relatedNotes("Customers/Acme.md")).toEqual(new Set(["Notes/a.md"]));
  });

  it("excluded notes are still link targets", () => {
    expect(index.resolve("Meeting", "Notes/a.md")).toBe("Templates/Meeting.md");
    expect(index.linkGraph()["Notes/a.md"]).toEqual({ "Customers/Acme.md": 1, "Templates/Meeting.md": 1 });
  });

  it("warns about invalid frontmatter and unresolved links (not attachments)", () => {
    const w = index.warnings();
    const a = w.filter((x) => x.file === "Notes/a.md").map((x) => x.message);
    expect(a.length).toBe(1);
    expect(a[0]).toContain("Nowhere");
    expect(a[0]).toContain("Other");
    expect(a[0]).not.toContain("img.png");
    expect(w.some((x) => x.file === "Notes/b.md" && x.message.includes("frontmatter"))).toBe(true);
  });

  it("a markdown link whose text is wrapped over lines is a link, and its warning is one line", () => {
    const i = build({
      "Customers/Acme.md": fm("type: customer"),
      "Notes/w.md": "see [the\n  client](Acme.md) and [the\r\nghost](Nowhere.md)\n",
    });
    expect([...i.relatedNotes("Customers/Acme.md")]).toEqual(["Notes/w.md"]);
    expect(i.warnings().filter((x) => x.file === "Notes/w.md").map((x) => x.message)).toEqual(["unresolved link [the ghost](Nowhere.md)"]);
  });

  it("warns on each of two notes whose paths differ only in case or Unicode form, naming the other (excluded notes too)", () => {
    const i = build(
      {
        "Meetings/Sync.md": "x\n",
        "meetings/sync.md": "y\n",
        "Notes/Caf\u00e9.md": "z\n",
        "Notes/Cafe\u0301.md": "w\n",
        "Templates/T.md": "",
        "templates/t.md": "",
        "Notes/Other.md": "[[Sync]] [[sync]] [[Caf\u00e9]]\n",
      },
      DEFAULT_SETTINGS,
      ["Templates", "templates"],
    );
    const w = i.warnings();
    expect(w.map((x) => x.file)).toEqual(["Meetings/Sync.md", "Notes/Cafe\u0301.md", "Notes/Caf\u00e9.md", "Templates/T.md", "meetings/sync.md", "templates/t.md"]);
    const on = (file: string): string => w.find((x) => x.file === file)!.message;
    expect(on("Meetings/Sync.md")).toBe(
      "path differs from meetings/sync.md only in case: a link to either is ambiguous (Obsidian may open the other; here it opens the one it spells exactly, case included); rename one",
    );
    expect(on("meetings/sync.md")).toContain("path differs from Meetings/Sync.md only in case");
    expect(on("Notes/Cafe\u0301.md")).toBe(
      "path differs from Notes/Caf\u00e9.md only in Unicode form (this one decomposed, not NFC: the names look alike): a link to either is ambiguous (here it opens the one it spells exactly, in the same form); rename one",
    );
    expect(on("Notes/Caf\u00e9.md")).toContain("(this one composed, NFC: the names look alike)");
    expect(on("Templates/T.md")).toContain("templates/t.md only in case");
    // And the links: each to the one it spells.
    expect(i.linkGraph()["Notes/Other.md"]).toEqual({ "Meetings/Sync.md": 1, "meetings/sync.md": 1, "Notes/Caf\u00e9.md": 1 });
  });

  it("case and form at once, and three twins", () => {
    const w = build({ "A/Cafe\u0301.md": "", "a/caf\u00e9.md": "", "A/CAF\u00c9.md": "" }).warnings();
    expect(w.find((x) => x.file === "A/Cafe\u0301.md")!.message).toBe(
      "path differs from A/CAF\u00c9.md, a/caf\u00e9.md only in case and Unicode form (this one decomposed, not NFC): a link to any of them is ambiguous (Obsidian may open another; here it opens the one it spells exactly, case and form included); rename one",
    );
    expect(w).toHaveLength(3);
    expect(build({ "A/Sync.md": "", "B/sync.md": "" }).warnings()).toEqual([]);
  });

  it("the link graph counts every resolved link, [[#Heading]] to the note itself", () => {
    const i = build({ "Notes/a.md": "[[#H]] [[b]] [[b|again]]\n", "Notes/b.md": "x\n" });
    expect(i.linkGraph()).toEqual({ "Notes/a.md": { "Notes/a.md": 1, "Notes/b.md": 2 }, "Notes/b.md": {} });
  });

  it("a link to the note itself has no effect on relations", () => {
    const i = build({ "Customers/Acme.md": "[[#Key Facts]]\n", "Notes/a.md": "x\n" });
    expect(i.relatedNotes("Customers/Acme.md").size).toBe(0);
  });

  it("markdown links resolve like wikilinks (%20, .md, <…>)", () => {
    const i = build({
      "Customers/Acme Corp.md": "",
      "Notes/a.md": "[a](../Customers/Acme%20Corp.md)\n",
      "Notes/b.md": "[b](<Acme Corp.md>)\n",
      "Notes/c.md": "[c](Acme%20Corp)\n",
      "Notes/d.md": "[d](https://x.io/Acme%20Corp.md)\n",
    });
    expect([...i.relatedNotes("Customers/Acme Corp.md")].sort()).toEqual(["Notes/a.md", "Notes/b.md", "Notes/c.md"]);
  });
});

describe("a customer page that goes away, before every note is matched again (the plugin's rematch runs in slices)", () => {
  const files = {
    "Accounts/Acme.md": fm("type: customer"),
    "Accounts/Globex.md": fm("type: customer"),
    "Meetings/2025-10-01 - Acme kickoff.md": "Acme and Globex met.\n",
  };
  const MEETING = "Meetings/2025-10-01 - Acme kickoff.md";
  it("deleted, renamed or no longer a customer: the notes that named it relate to it no more", () => {
    for (const change of ["delete", "rename", "retype"] as const) {
      const i = build(files);
      expect([...i.relationsOf(MEETING).keys()].sort()).toEqual(["Accounts/Acme.md", "Accounts/Globex.md"]);
      const r =
        change === "delete"
          ? i.delete("Accounts/Acme.md")
          : change === "rename"
            ? i.rename("Accounts/Acme.md", "Accounts/Acme Corp.md", fm("type: customer"))
            : i.set("Accounts/Acme.md", fm("type: note"));
      expect(r.needsRematch, change).toBe(true);
      // Every customer a note relates to is one the index has (the panel builds each one's page model).
      expect([...i.relationsOf(MEETING).keys()], change).toEqual(["Accounts/Globex.md"]);
    }
  });
});
