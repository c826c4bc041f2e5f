// A page that changes while a round regenerates it: recomputed from the new text, except when the
// user ticked a box meanwhile — that tick must reach its note, not be rendered over.
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { regenerate, type RegenerateIO } from "../../src/core/regenerate";
import { DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";

const PAGE = "Customers/Delta.md";
const SYNC = "Meetings/Sync.md";
const TODAY = parseIsoDay("2025-06-20")!;
const page = (a: string, b: string, extra = ""): string =>
  [
    "---",
    "type: customer",
    "last_contact: 2025-06-10",
    "---",
    "# Delta",
    extra,
    "## Recent Context",
    "",
    "- 2025-06-10: [[Sync]] - Sync with Delta.",
    "",
    "## Open Tasks",
    "",
    `- [${a}] Send the contract ([[Sync]])`,
    `- [${b}] Book the demo ([[Sync]])`,
    "",
    "## Account Status",
    "",
    "| Field | Value |",
    "|-------|-------|",
    "| **Last contact** | 2025-06-10 |",
    "",
  ].join("\n");
const sync = (a: string, b: string): string => `---\ndate: 2025-06-10\n---\nSync with [[Delta]].\n\n- [${a}] Send the contract\n- [${b}] Book the demo\n`;

/**
 * An IO over a map that writes only over the text expected (as the CLI's and the plugin's do);
 * `before` runs at each write, before that check: where a test changes files under the round.
 */
function memoryIO(files: Map<string, string>, before?: (path: string) => void): RegenerateIO {
  return {
    read: async (p) => files.get(p) ?? null,
    write: async (p, expected, next) => {
      before?.(p);
      if (files.get(p) !== expected) return false;
      files.set(p, next);
      return true;
    },
  };
}

/**
 * An IO over `files` where, just before the round's first write of each path of `meanwhile`, that
 * file changes (to the text given, or by the change given of the text it has then); `changed(path)`
 * says whether it did.
 */
function writesMeet(files: Map<string, string>, meanwhile: Record<string, string | ((text: string) => string)>): { io: RegenerateIO; changed: (path: string) => boolean } {
  const done = new Set<string>();
  const io = memoryIO(files, (p) => {
    const change = meanwhile[p];
    if (change === undefined || done.has(p)) return;
    done.add(p);
    files.set(p, typeof change === "string" ? change : change(files.get(p)!));
  });
  return { io, changed: (p) => done.has(p) };
}

/** An IO over a map; `meanwhile` changes the page once, just before the round's first write of it. */
function vault(start: string, meanwhile: string): { files: Map<string, string>; io: RegenerateIO } {
  const files = new Map<string, string>([
    [PAGE, start],
    [SYNC, sync(" ", " ")],
  ]);
  return { files, io: writesMeet(files, { [PAGE]: meanwhile }).io };
}

const build = (files: Map<string, string>): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);

describe("a page changed while the round writes it", () => {
  it("a box ticked meanwhile stays ticked on the page, with a warning, and the next round writes the tick back", async () => {
    const { files, io } = vault(page("x", " "), page("x", "x"));
    const r = await regenerate(build(files), [PAGE], io, { today: TODAY, write: true });
    // The tick read at the start went back (its task is no longer open); the one made meanwhile is still on the page.
    expect(files.get(SYNC)).toBe(sync("x", " "));
    expect(files.get(PAGE)).not.toContain("Send the contract");
    expect(files.get(PAGE)).toContain("- [x] Book the demo ([[Sync]])\n");
    expect(r.warnings).toEqual([{ file: PAGE, message: "ticked while it was regenerated; the tick stays on the page, and the next run writes it back" }]);
    // The plugin schedules the page again at once.
    expect(r.alsoAffected).toEqual([PAGE]);
    const again = await regenerate(build(files), [PAGE], io, { today: TODAY, write: true });
    expect(again.warnings).toEqual([]);
    expect(files.get(SYNC)).toBe(sync("x", "x"));
    expect(files.get(PAGE)).not.toContain("Book the demo");
  });

  it("any other change meanwhile (the user typed elsewhere): recomputed from the new text, the tick read at the start kept applied", async () => {
    const { files, io } = vault(page("x", " "), page("x", " ", "\nTyped meanwhile.\n"));
    const r = await regenerate(build(files), [PAGE], io, { today: TODAY, write: true });
    expect(r.warnings).toEqual([]);
    expect(files.get(SYNC)).toBe(sync("x", " "));
    expect(files.get(PAGE)).toContain("Typed meanwhile.");
    expect(files.get(PAGE)).toContain("- [ ] Book the demo ([[Sync]])");
    expect(files.get(PAGE)).not.toContain("Send the contract");
  });
});

describe("a page ticked by the Tasks plugin while the round writes it, source links off (B36-F)", () => {
  const ACME = "Customers/Acme.md";
  const PREP = "Notes/2025-06-01.md";
  const LATER = "Notes/2025-06-02.md";
  const OFF: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
  const buildOff = (files: Map<string, string>): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), OFF);

  it("a tick the page cannot tell apart is dropped with its warning, as when it was there from the start: it never stays on another task's line for the next round to close", async () => {
    const prep = "[[Acme]] prep\n- [ ] Send plan\n";
    const files = new Map<string, string>([
      [ACME, "# Acme\n"],
      [PREP, prep],
      [LATER, "[[Acme]] later\n"],
    ]);
    const plain = memoryIO(files);
    await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    const written = files.get(ACME)!;
    const openTasks = (page: string): string => page.split("## Open Tasks\n\n")[1]!.split("\n\n")[0]!;
    expect(openTasks(written)).toBe("- [ ] Send plan");
    // A task of that text, its own date today, added to a note since; the page not yet written again
    // when the Tasks plugin ticks its `Send plan` line (today's date stamped on it).
    const later = "[[Acme]] later\n- [ ] Send plan \u2705 2025-06-20\n";
    files.set(LATER, later);
    const ticked = written.replace("- [ ] Send plan\n", "- [x] Send plan \u2705 2025-06-20\n");
    // Read at the start, that page drops the tick: the line may be either task's (B36-A).
    const m = new Map(files);
    m.set(ACME, ticked);
    const once = await regenerate(buildOff(m), [ACME], { ...plain, read: async (p) => m.get(p) ?? null, write: async (p, e, n) => (m.get(p) === e ? (m.set(p, n), true) : false) }, { today: TODAY, write: true });
    expect(once.warnings).toEqual([{ file: ACME, message: "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan \u2705 2025-06-20" }]);
    expect(m.get(LATER)).toBe(later);
    expect(m.get(PREP)).toBe(prep);
    // Ticked just before the round writes the page: the same, not kept on the dated task's line.
    let first = true;
    const racing = memoryIO(files, (p) => {
      if (p === ACME && first) {
        first = false;
        files.set(ACME, ticked);
      }
    });
    const r = await regenerate(buildOff(files), [ACME], racing, { today: TODAY, write: true });
    expect(first).toBe(false);
    expect(r.warnings).toEqual([{ file: ACME, message: "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan \u2705 2025-06-20" }]);
    expect(openTasks(files.get(ACME)!)).toBe("- [ ] Send plan \u2705 2025-06-20\n- [ ] Send plan");
    // The next round closes nothing.
    const again = await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    expect(again.warnings).toEqual([]);
    expect(files.get(LATER)).toBe(later);
    expect(files.get(PREP)).toBe(prep);
  });

  it("a stale line ticked meanwhile is weighed with the sources' closed tasks, as at the start: it never stays on the line of a task of its text added since (B37-B)", async () => {
    // B36-A's first case made while the round writes the page: `Send plan` cancelled in its note and
    // `Send plan ❌ 2025-05-01` added there since the page was written; the page's stale `Send plan`
    // line ticked by the Tasks plugin before the round writes the page. Read at the start it is
    // dropped (B36-A); read again without the closed `[-] Send plan` it was the one dated task of its
    // text gone from the page, kept on that task's line, and the next round closed it.
    const files = new Map<string, string>([
      [ACME, "# Acme\n"],
      [PREP, "[[Acme]] prep\n- [ ] Send plan\n"],
    ]);
    const plain = memoryIO(files);
    await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    const written = files.get(ACME)!;
    const openTasks = (page: string): string => page.split("## Open Tasks\n\n")[1]!.split("\n\n")[0]!;
    expect(openTasks(written)).toBe("- [ ] Send plan");
    const prep = "[[Acme]] prep\n- [-] Send plan\n- [ ] Send plan \u274C 2025-05-01\n";
    files.set(PREP, prep);
    let first = true;
    const racing = memoryIO(files, (p) => {
      if (p === ACME && first) {
        first = false;
        files.set(ACME, written.replace("- [ ] Send plan\n", "- [x] Send plan \u2705 2025-06-20\n"));
      }
    });
    const r = await regenerate(buildOff(files), [ACME], racing, { today: TODAY, write: true });
    expect(first).toBe(false);
    expect(r.warnings).toEqual([{ file: ACME, message: "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan \u2705 2025-06-20" }]);
    expect(openTasks(files.get(ACME)!)).toBe("- [ ] Send plan \u274C 2025-05-01");
    expect(files.get(PREP)).toBe(prep);
    // The next round closes nothing.
    const again = await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    expect(again.warnings).toEqual([]);
    expect(files.get(PREP)).toBe(prep);
  });
});

describe("a page made no customer page while the round writes it (B42-A's Not fixed)", () => {
  // Outside the customers folder, its frontmatter alone makes it a customer page (§2).
  const CLIENT = "Clients/Delta.md";
  const ticked = page("x", " ");
  it.each([
    ["its type removed", ticked, (t: string) => t.replace("type: customer\n", "")],
    ["its type/customer tag taken off", ticked.replace("type: customer", "tags: [type/customer]"), (t: string) => t.replace("tags: [type/customer]", "tags: [archived]")],
    // A box ticked with it is no page's tick: not said to stay for the next run, which does not regenerate the note.
    ["its type removed and a box ticked", ticked, (t: string) => t.replace("type: customer\n", "").replace("- [ ] Book the demo", "- [x] Book the demo")],
  ])("%s, in another program: read again, it is left as it is, and the report says so", async (_how, start, made) => {
    const files = new Map<string, string>([
      [CLIENT, start],
      [SYNC, sync(" ", " ")],
    ]);
    const { io, changed } = writesMeet(files, { [CLIENT]: made });
    const index = build(files);
    expect(index.isCustomer(CLIENT)).toBe(true);
    const r = await regenerate(index, [CLIENT], io, { today: TODAY, write: true });
    expect(changed(CLIENT)).toBe(true);
    // Its text as the other program left it, its tick line kept: rendered as a page, its Recent Context
    // and Open Tasks were emptied and last_contact made unknown (nothing relates to a note).
    expect(files.get(CLIENT)).toBe(made(start));
    expect(index.isCustomer(CLIENT)).toBe(false);
    expect(r.pages).toEqual([{ path: CLIENT, changed: false, written: false, noLongerCustomer: true }]);
    expect(r.warnings).toEqual([{ file: CLIENT, message: "no customer page any more (changed while it was regenerated); left as it is" }]);
    expect(r.writeErrors).toBe(0);
    // The tick read at the start was written back before the page was made no customer page.
    expect(r.sources).toEqual([{ path: SYNC, ticks: 1, written: true }]);
    expect(files.get(SYNC)).toBe(sync("x", " "));
    // Nor is it named for another round: a tick made on it meanwhile is no page's to write back.
    expect(r.alsoAffected).toEqual([]);
  });
});

describe("a page whose frontmatter changed after the index read it, before the round reads it (B42-F's Not fixed)", () => {
  // The CLI's vault loaded, then the note changed in another program; or, in the plugin, its open
  // editor holding unsaved edits. The round renders the text it reads: the index is told of it first.
  const CLIENT = "Clients/Delta.md";
  const ticked = page("x", " ");
  it.each([
    ["its type removed", ticked, (t: string) => t.replace("type: customer\n", "")],
    ["its type/customer tag taken off", ticked.replace("type: customer", "tags: [type/customer]"), (t: string) => t.replace("tags: [type/customer]", "tags: [archived]")],
    ["its categories entry taken off", ticked.replace("type: customer", 'categories: "[[Customers]]"'), (t: string) => t.replace('categories: "[[Customers]]"', "categories: []")],
  ])("%s: no customer page as read, it is left as it is, its ticked line is no page's tick, and the report says so", async (_how, start, made) => {
    const files = new Map<string, string>([
      [CLIENT, start],
      [SYNC, sync(" ", " ")],
    ]);
    const index = build(files);
    expect(index.isCustomer(CLIENT)).toBe(true);
    files.set(CLIENT, made(start));
    const r = await regenerate(index, [CLIENT], memoryIO(files), { today: TODAY, write: true });
    // Rendered as a page, it was written: Recent Context and Open Tasks emptied, last_contact
    // unknown — and its ticked line written back to Sync as a page's tick.
    expect(files.get(CLIENT)).toBe(made(start));
    expect(files.get(SYNC)).toBe(sync(" ", " "));
    expect(r.sources).toEqual([]);
    expect(index.isCustomer(CLIENT)).toBe(false);
    expect(r.pages).toEqual([{ path: CLIENT, changed: false, written: false, noLongerCustomer: true }]);
    expect(r.warnings).toEqual([{ file: CLIENT, message: "no customer page any more (changed while it was regenerated); left as it is" }]);
    expect(r.writeErrors).toBe(0);
    // A dry run says the same, and the index learns the same.
    const dry = build(new Map([...files, [CLIENT, start]]));
    const d = await regenerate(dry, [CLIENT], memoryIO(files), { today: TODAY, write: false });
    expect(d.pages).toEqual([{ path: CLIENT, changed: false, written: false, noLongerCustomer: true }]);
    expect(d.sources).toEqual([]);
    expect(dry.isCustomer(CLIENT)).toBe(false);
  });

  it("a page whose frontmatter is the one the index read is not told again: an unchanged vault's round parses no page a second time", async () => {
    // Only a frontmatter other than the index's is told (a parse of the page, and in the CLI the
    // index's first change); the comparison reads the text as the index does (B41-E: lone CRs).
    const files = new Map<string, string>([
      ["Customers/Lf.md", page(" ", " ")],
      ["Customers/Crlf.md", page(" ", " ").replace(/\n/g, "\r\n")],
      ["Customers/Cr.md", page(" ", " ").replace(/\n/g, "\r")],
      ["Customers/Bom.md", "\uFEFF" + page(" ", " ")],
      ["Customers/Bare.md", "# Bare\n"],
      [SYNC, sync(" ", " ")],
    ]);
    const index = build(files);
    const pages = index.customerPaths();
    expect(pages.length).toBe(5);
    const told: string[] = [];
    const set = index.set.bind(index);
    index.set = (path, text) => {
      told.push(path);
      return set(path, text);
    };
    const r = await regenerate(index, pages, memoryIO(files), { today: TODAY, write: true, reindexWritten: false });
    expect(r.pages.filter((p) => p.noLongerCustomer === true)).toEqual([]);
    expect(told).toEqual([]);
  });

  it("still a customer page, its contacts changed: rendered as a fresh build over the files read renders it", async () => {
    const ANN = "People/Ann Lee.md";
    const files = new Map<string, string>([
      [PAGE, page(" ", " ")],
      [SYNC, sync(" ", " ")],
      [ANN, "---\nrole: CTO\n---\n"],
    ]);
    const index = build(files);
    files.set(PAGE, page(" ", " ").replace("type: customer\n", 'type: customer\ncontacts: "[[Ann Lee]]"\n'));
    const r = await regenerate(index, [PAGE], memoryIO(files), { today: TODAY, write: true });
    expect(r.pages).toEqual([{ path: PAGE, changed: true, written: true }]);
    expect(r.warnings).toEqual([]);
    // By hand (§6: `- [[{person}]]`): Ann Lee is Delta's contact now, on the page written — before, the
    // page was rendered with the contacts the index had read, none, and was stale until the next run.
    expect(files.get(PAGE)).toContain("\n## Key Contacts\n\n- [[Ann Lee]]\n");
    expect(files.get(PAGE)).toBe(renderPage(build(files), PAGE, files.get(PAGE)!, TODAY).text);
  });
});

describe("a page renamed or deleted while it is regenerated", () => {
  it("is gone from its path when the round writes it: no warning that it kept changing, no report under a path it no longer has", async () => {
    const files = new Map<string, string>([
      [PAGE, page(" ", " ")],
      [SYNC, sync("x", " ")],
    ]);
    const io = memoryIO(files, (p) => {
      // Renamed (on another device, synced) just before the round writes it.
      if (p === PAGE) files.delete(PAGE);
    });
    const r = await regenerate(build(files), [PAGE], io, { today: TODAY, write: true });
    expect(r.warnings).toEqual([]);
    expect(r.pages).toEqual([]);
  });
});

describe("a page ticked, then unticked, while the round writes it (B36-H)", () => {
  it("the page as last read decides: a tick the user took back meanwhile is neither kept on the page nor written back", async () => {
    // The page not as the round writes it (its status table edited), so that it is written.
    const stale = (text: string): string => text.replace("| **Last contact** | 2025-06-10 |", "| **Last contact** | 2025-01-01 |");
    const files = new Map<string, string>([
      [PAGE, stale(page(" ", " "))],
      [SYNC, sync(" ", " ")],
    ]);
    // Before the round's first write of the page the user ticks Book the demo; before its second,
    // the user has unticked it again and typed a line.
    const meanwhile = [stale(page(" ", "x")), stale(page(" ", " ", "\nTyped meanwhile.\n"))];
    const io = memoryIO(files, (p) => {
      const m = p === PAGE ? meanwhile.shift() : undefined;
      if (m !== undefined) files.set(PAGE, m);
    });
    const r = await regenerate(build(files), [PAGE], io, { today: TODAY, write: true });
    expect(meanwhile).toEqual([]);
    expect(r.pages).toEqual([{ path: PAGE, changed: true, written: true }]);
    // Rendered from the page as last read: the user's line kept, the status table made right, no tick.
    expect(files.get(PAGE)).toBe(page(" ", " ", "\nTyped meanwhile.\n"));
    expect(r.warnings).toEqual([]);
    expect(r.alsoAffected).toEqual([]);
    // The next round writes nothing back.
    const again = await regenerate(build(files), [PAGE], io, { today: TODAY, write: true });
    expect(again.warnings).toEqual([]);
    expect(files.get(SYNC)).toBe(sync(" ", " "));
  });
});

describe("a page ticked while the round writes it, on a task the round closed from another page (B36-H)", () => {
  it("the tick dropped says where the task is closed, and how, as a later round would: not that no open task matches it", async () => {
    const ACME = "Customers/Acme.md";
    const BETA = "Customers/Beta.md";
    const JOINT = "Meetings/Joint.md";
    const joint = (a: string): string => `---\ndate: 2025-06-10\n---\nJoint call with [[Acme]] and [[Beta]].\n\n- [${a}] Send the contract\n- [ ] Other\n`;
    const files = new Map<string, string>([
      [ACME, "---\ntype: customer\n---\n# Acme\n"],
      [BETA, "---\ntype: customer\n---\n# Beta\n"],
      [JOINT, joint(" ")],
    ]);
    const plain = memoryIO(files);
    await regenerate(build(files), [ACME, BETA], plain, { today: TODAY, write: true });
    const line = (box: string): string => `- [${box}] Send the contract ([[Joint]])`;
    for (const p of [ACME, BETA]) expect(files.get(p)).toContain(`${line(" ")}\n`);
    // Acme's box ticked; Beta's cancelled just before the round writes Beta's page (which the task
    // closed from Acme's changes).
    files.set(ACME, files.get(ACME)!.replace(line(" "), line("x")));
    let first = true;
    const io = memoryIO(files, (p) => {
      if (p === BETA && first) {
        first = false;
        files.set(BETA, files.get(BETA)!.replace(line(" "), line("-")));
      }
    });
    const r = await regenerate(build(files), [ACME, BETA], io, { today: TODAY, write: true });
    expect(first).toBe(false);
    expect(files.get(JOINT)).toBe(joint("x"));
    for (const p of [ACME, BETA]) expect(files.get(p)).not.toContain("Send the contract");
    expect(r.warnings).toEqual([
      {
        file: BETA,
        message: `[-] not written back: the task is already closed [x] in ${JOINT} (ticked on another page, or in the note; change it there if [-] was meant): ${line("-")}`,
      },
    ]);
    expect(r.alsoAffected).toEqual([]);
  });
});

describe("a page ticked while the round writes it, on a task closed in the note its line names (B37-B)", () => {
  it("the note the line names is looked in first, as for a tick read at the start: not a newer source closing the text otherwise", async () => {
    const ACME = "Customers/Acme.md";
    const BETA = "Customers/Beta.md";
    const JOINT = "Meetings/Joint.md";
    const LATER = "Meetings/Later.md";
    const joint = (a: string): string => `---\ndate: 2025-06-10\n---\nJoint call with [[Acme]] and [[Beta]].\n\n- [${a}] Send the contract\n- [ ] Other\n`;
    // A newer note of Beta's (first of its sources, §4) holds the text cancelled long ago.
    const later = "---\ndate: 2025-06-15\n---\nCall with [[Beta]].\n\n- [-] Send the contract\n";
    const files = new Map<string, string>([
      [ACME, "---\ntype: customer\n---\n# Acme\n"],
      [BETA, "---\ntype: customer\n---\n# Beta\n"],
      [JOINT, joint(" ")],
      [LATER, later],
    ]);
    const plain = memoryIO(files);
    await regenerate(build(files), [ACME, BETA], plain, { today: TODAY, write: true });
    const line = (box: string): string => `- [${box}] Send the contract ([[Joint]])`;
    for (const p of [ACME, BETA]) expect(files.get(p)).toContain(`${line(" ")}\n`);
    // Acme's box ticked; Beta's ticked too just before the round writes Beta's page.
    files.set(ACME, files.get(ACME)!.replace(line(" "), line("x")));
    let first = true;
    const io = memoryIO(files, (p) => {
      if (p === BETA && first) {
        first = false;
        files.set(BETA, files.get(BETA)!.replace(line(" "), line("x")));
      }
    });
    const r = await regenerate(build(files), [ACME, BETA], io, { today: TODAY, write: true });
    expect(first).toBe(false);
    expect(files.get(JOINT)).toBe(joint("x"));
    expect(files.get(LATER)).toBe(later);
    expect(r.warnings).toEqual([
      { file: BETA, message: `tick dropped, the task is already closed [x] in ${JOINT} (ticked on another page, or in the note): ${line("x")}` },
    ]);
  });
});

describe("a page ticked while the round writes it, its warnings in order (B36-H)", () => {
  it("the tick's warning comes where the page was read again, before what rendering that text says", async () => {
    const files = new Map<string, string>([
      [PAGE, page(" ", " ").replace("| **Last contact** | 2025-06-10 |", "| **Last contact** | 2025-01-01 |")],
      [SYNC, sync(" ", " ")],
    ]);
    let first = true;
    const io = memoryIO(files, (p) => {
      if (p === PAGE && first) {
        first = false;
        // The user ticks Book the demo and pastes a second Account Status section.
        files.set(PAGE, `${page(" ", "x")}\n## Account Status\n\nMine.\n`);
      }
    });
    const r = await regenerate(build(files), [PAGE], io, { today: TODAY, write: true });
    expect(r.warnings).toEqual([
      { file: PAGE, message: "ticked while it was regenerated; the tick stays on the page, and the next run writes it back" },
      { file: PAGE, message: 'section "Account Status" appears more than once; only the first is regenerated' },
    ]);
    expect(files.get(PAGE)).toContain("- [x] Book the demo ([[Sync]])\n");
    expect(files.get(SYNC)).toBe(sync(" ", " "));
  });
});

describe("a page ticked while the round writes it, then changed again before the next write, its warnings in order (B37-B)", () => {
  it("the tick's warning still comes where the page was first read again, before what rendering says", async () => {
    const files = new Map<string, string>([
      [PAGE, page(" ", " ").replace("| **Last contact** | 2025-06-10 |", "| **Last contact** | 2025-01-01 |")],
      [SYNC, sync(" ", " ")],
    ]);
    let writes = 0;
    const io = memoryIO(files, (p) => {
      if (p !== PAGE) return;
      writes++;
      // The user ticks Book the demo and pastes a second Account Status section; then, before the
      // round's next write, types a line under it.
      // (Its Account Status still old: each text the round reads must be written again.)
      const ticked = page(" ", "x").replace("| **Last contact** | 2025-06-10 |", "| **Last contact** | 2025-01-01 |");
      if (writes === 1) files.set(PAGE, `${ticked}\n## Account Status\n\nMine.\n`);
      if (writes === 2) files.set(PAGE, `${ticked}\n## Account Status\n\nMine, and more.\n`);
    });
    const r = await regenerate(build(files), [PAGE], io, { today: TODAY, write: true });
    expect(writes).toBe(3);
    expect(r.warnings).toEqual([
      { file: PAGE, message: "ticked while it was regenerated; the tick stays on the page, and the next run writes it back" },
      { file: PAGE, message: 'section "Account Status" appears more than once; only the first is regenerated' },
    ]);
    expect(files.get(PAGE)).toContain("- [x] Book the demo ([[Sync]])\n");
    expect(files.get(PAGE)).toContain("Mine, and more.");
  });
});

describe("two lines ticking one task with two statuses, both ticked while the round writes the page (B39-B)", () => {
  it("the upper line's status stays on the page, with its warning; the lower line's tick is dropped with a warning saying so, and the next run writes the upper's status", async () => {
    // The user ticks Book the demo `[x]`, and a copy of its line below it `[-]`, as the round writes
    // the page. README: two lines of one page ticking one task "are read top down": the upper line's
    // status stays on the page for the next run; the lower line is gone from the page written.
    const cancelled = "- [-] Book the demo ([[Sync]])";
    const { files, io } = vault(page("x", " "), page("x", "x").replace("- [x] Book the demo ([[Sync]])\n", `- [x] Book the demo ([[Sync]])\n${cancelled}\n`));
    const r = await regenerate(build(files), [PAGE], io, { today: TODAY, write: true });
    expect(files.get(SYNC)).toBe(sync("x", " "));
    expect(files.get(PAGE)).toContain("## Open Tasks\n\n- [x] Book the demo ([[Sync]])\n\n");
    expect(r.warnings).toEqual([
      { file: PAGE, message: "ticked while it was regenerated; the tick stays on the page, and the next run writes it back" },
      {
        file: PAGE,
        message:
          "tick dropped, a line above ticks the same task [x], which the page keeps ticked (the page's lines are read top down; " +
          `the next run writes [x] back: change that line to [-] before then if [-] was meant): ${cancelled}`,
      },
    ]);
    const again = await regenerate(build(files), [PAGE], io, { today: TODAY, write: true });
    expect(again.warnings).toEqual([]);
    expect(files.get(SYNC)).toBe(sync("x", "x"));
  });

  it("of one status, the copy is the same tick: the warning that it stays on the page, and no other", async () => {
    const { files, io } = vault(page("x", " "), page("x", "x").replace("- [x] Book the demo ([[Sync]])\n", "- [x] Book the demo ([[Sync]])\n- [x] book the demo. ([[Sync]])\n"));
    const r = await regenerate(build(files), [PAGE], io, { today: TODAY, write: true });
    expect(files.get(PAGE)).toContain("## Open Tasks\n\n- [x] Book the demo ([[Sync]])\n\n");
    expect(r.warnings).toEqual([{ file: PAGE, message: "ticked while it was regenerated; the tick stays on the page, and the next run writes it back" }]);
  });
});

describe("a tick the round could not write back, unticked while the round writes its page (B36-H)", () => {
  it("is not ticked on the page again: the next run writes nothing back", async () => {
    const files = new Map<string, string>([
      [PAGE, page(" ", "x").replace("| **Last contact** | 2025-06-10 |", "| **Last contact** | 2025-01-01 |")],
      [SYNC, sync(" ", " ")],
    ]);
    const { io, changed } = writesMeet(files, {
      // The note changes under the round's write of the tick (a task added at its end).
      [SYNC]: `${sync(" ", " ")}- [ ] Added\n`,
      // The user unticks Book the demo before the round writes the page.
      [PAGE]: page(" ", " ", "\nTyped meanwhile.\n").replace("| **Last contact** | 2025-06-10 |", "| **Last contact** | 2025-01-01 |"),
    });
    const r = await regenerate(build(files), [PAGE], io, { today: TODAY, write: true });
    expect(changed(PAGE)).toBe(true);
    expect(files.get(SYNC)).toBe(`${sync(" ", " ")}- [ ] Added\n`);
    expect(r.warnings).toEqual([{ file: SYNC, message: "changed while ticks were applied; 1 task(s) left unticked" }]);
    expect(files.get(PAGE)).toContain("Typed meanwhile.");
    expect(files.get(PAGE)).toContain("- [ ] Book the demo ([[Sync]])\n");
    const again = await regenerate(build(files), [PAGE], io, { today: TODAY, write: true });
    expect(again.warnings).toEqual([]);
    expect(files.get(SYNC)).toBe(`${sync(" ", " ")}- [ ] Added\n`);
  });
});

describe("two ticks on identical lines not written back, one unticked while the round writes the page, source links off (B36-I)", () => {
  const ACME = "Customers/Acme.md";
  const PREP = "Notes/2025-06-01.md";
  const LATER = "Notes/2025-06-02.md";
  const OFF: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
  const buildOff = (files: Map<string, string>): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), OFF);
  const STAMPED = "- [x] Send plan \u2705 2025-06-20";

  it("the line the user left ticked keeps its task, the one unticked is not ticked again: the next run closes only the task left ticked", async () => {
    const prep = "[[Acme]] prep\n- [ ] Send plan\n";
    const later = "[[Acme]] later\n- [ ] Send plan \u2705 2025-06-20\n";
    const files = new Map<string, string>([
      [ACME, "# Acme\n"],
      [PREP, prep],
      [LATER, later],
    ]);
    const plain = memoryIO(files);
    await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    const written = files.get(ACME)!;
    const openTasks = (page: string): string => page.split("## Open Tasks\n\n")[1]!.split("\n\n")[0]!;
    expect(openTasks(written)).toBe("- [ ] Send plan \u2705 2025-06-20\n- [ ] Send plan");
    // Both boxes ticked: the dated task's clicked, the plain task's by the Tasks plugin (today's date
    // stamped on it). The two lines now read the same.
    const both = written.replace("- [ ] Send plan \u2705 2025-06-20\n- [ ] Send plan", `${STAMPED}\n${STAMPED}`);
    expect(openTasks(both)).toBe(`${STAMPED}\n${STAMPED}`);
    files.set(ACME, both);
    // Each note changes under the round's write of its tick; the user clicks the first line (the dated
    // task's) again before the round writes the page: it reads open as that task.
    const typed = (t: string): string => `${t}Typed.\n`;
    const { io, changed } = writesMeet(files, { [PREP]: typed, [LATER]: typed, [ACME]: both.replace(`${STAMPED}\n${STAMPED}`, `- [ ] Send plan \u2705 2025-06-20\n${STAMPED}`) });
    const r = await regenerate(buildOff(files), [ACME], io, { today: TODAY, write: true });
    expect(changed(ACME)).toBe(true);
    expect([PREP, LATER].filter(changed)).toHaveLength(2);
    expect(files.get(PREP)).toBe(`${prep}Typed.\n`);
    expect(files.get(LATER)).toBe(`${later}Typed.\n`);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "changed while ticks were applied; 1 task(s) left unticked",
      "changed while ticks were applied; 1 task(s) left unticked",
    ]);
    // One line is ticked, as the user left it: the plain task's, its line read as the task it is (the
    // dated task's line is there open). The dated task's line stands open.
    expect(openTasks(files.get(ACME)!)).toBe("- [ ] Send plan \u2705 2025-06-20\n- [x] Send plan");
    const again = await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    expect(again.warnings).toEqual([]);
    expect(files.get(PREP)).toBe(`[[Acme]] prep\n- [x] Send plan\nTyped.\n`);
    expect(files.get(LATER)).toBe(`${later}Typed.\n`);
  });
});

describe("a line re-ticked while the round writes the page that reads as a line ticked at the start, source links off (B36-J)", () => {
  const ACME = "Customers/Acme.md";
  const PREP = "Notes/2025-06-01.md";
  const LATER = "Notes/2025-06-02.md";
  const OFF: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
  const buildOff = (files: Map<string, string>): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), OFF);
  const STAMPED = "- [x] Send plan \u2705 2025-06-20";
  const DATED_OPEN = "- [ ] Send plan \u2705 2025-06-20";
  const openTasks = (page: string): string => page.split("## Open Tasks\n\n")[1]!.split("\n\n")[0]!;

  it("the plain task's Tasks tick written back, unticked, then the dated task's line clicked: that tick stays on the page, with its warning, not rendered over", async () => {
    const prep = "[[Acme]] prep\n- [ ] Send plan\n";
    const later = "[[Acme]] later\n- [ ] Send plan \u2705 2025-06-20\n";
    const files = new Map<string, string>([
      [ACME, "# Acme\n"],
      [PREP, prep],
      [LATER, later],
    ]);
    const plain = memoryIO(files);
    await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    const written = files.get(ACME)!;
    expect(openTasks(written)).toBe(`${DATED_OPEN}\n- [ ] Send plan`);
    // The plain task's line ticked by the Tasks plugin (today's date stamped on it): it reads as the
    // dated task's line does.
    const ticked = written.replace(`${DATED_OPEN}\n- [ ] Send plan`, `${DATED_OPEN}\n${STAMPED}`);
    files.set(ACME, ticked);
    // Before the round writes the page, the user unticks that line (the Tasks plugin takes its date
    // off) and clicks the dated task's line: the one ticked line reads as the one ticked at the start.
    const retick = ticked.replace(`${DATED_OPEN}\n${STAMPED}`, `${STAMPED}\n- [ ] Send plan`);
    const { io, changed } = writesMeet(files, { [ACME]: retick });
    const r = await regenerate(buildOff(files), [ACME], io, { today: TODAY, write: true });
    expect(changed(ACME)).toBe(true);
    // The plain task's tick was written back.
    expect(files.get(PREP)).toBe("[[Acme]] prep\n- [x] Send plan\n");
    expect(files.get(LATER)).toBe(later);
    expect(r.warnings.map((w) => w.message)).toEqual(["ticked while it was regenerated; the tick stays on the page, and the next run writes it back"]);
    // The dated task's line stays ticked (it was rendered over without a word, the tick lost).
    expect(openTasks(files.get(ACME)!)).toBe(STAMPED);
    // The next run reads the page as any run would: the line reads as the plain task's Tasks tick as
    // much as the dated task's (B36-A), and the plain task is closed: the tick is dropped, and said.
    const again = await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    expect(again.warnings).toEqual([{ file: ACME, message: `tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: ${STAMPED}` }]);
    expect(files.get(LATER)).toBe(later);
    expect(files.get(PREP)).toBe("[[Acme]] prep\n- [x] Send plan\n");
  });
});

describe("a tick not written back, unticked while the round writes the page, and the identical line of another task ticked, source links off (B36-J)", () => {
  const ACME = "Customers/Acme.md";
  const PREP = "Notes/2025-06-01.md";
  const LATER = "Notes/2025-06-02.md";
  const OFF: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
  const buildOff = (files: Map<string, string>): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), OFF);
  const STAMPED = "- [x] Send plan \u2705 2025-06-20";
  const DATED_OPEN = "- [ ] Send plan \u2705 2025-06-20";
  const openTasks = (page: string): string => page.split("## Open Tasks\n\n")[1]!.split("\n\n")[0]!;

  it("the tick kept is the line's, the plain task's, as a tick made meanwhile: not the dated task the user unticked, which the next run closed", async () => {
    await retick("");
  });

  it("the same with a line typed above them meanwhile (the page's task lines one more)", async () => {
    await retick("- [ ] My own line\n");
  });

  async function retick(above: string): Promise<void> {
    const prep = "[[Acme]] prep\n- [ ] Send plan\n";
    const later = "[[Acme]] later\n- [ ] Send plan \u2705 2025-06-20\n";
    const files = new Map<string, string>([
      [ACME, "# Acme\n"],
      [PREP, prep],
      [LATER, later],
    ]);
    const plain = memoryIO(files);
    await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    const written = files.get(ACME)!;
    expect(openTasks(written)).toBe(`${DATED_OPEN}\n- [ ] Send plan`);
    // The dated task's box clicked; the page's status table stale, so the round writes the page.
    const ticked = written
      .replace(`${DATED_OPEN}\n- [ ] Send plan`, `${STAMPED}\n- [ ] Send plan`)
      .replace("| **Last contact** | 2025-06-02 |", "| **Last contact** | 2025-01-01 |");
    expect(ticked).toContain("| **Last contact** | 2025-01-01 |");
    files.set(ACME, ticked);
    // Its note changes under the round's write; before the round writes the page, the user clicks that
    // line again (open), and ticks the plain task's line with the Tasks plugin (today's date stamped).
    const { io, changed } = writesMeet(files, { [LATER]: `${later}Typed.\n`, [ACME]: ticked.replace(`${STAMPED}\n- [ ] Send plan`, `${above}${DATED_OPEN}\n${STAMPED}`) });
    const r = await regenerate(buildOff(files), [ACME], io, { today: TODAY, write: true });
    expect(changed(ACME)).toBe(true);
    expect(changed(LATER)).toBe(true);
    expect(files.get(LATER)).toBe(`${later}Typed.\n`);
    expect(files.get(PREP)).toBe(prep);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "changed while ticks were applied; 1 task(s) left unticked",
      "ticked while it was regenerated; the tick stays on the page, and the next run writes it back",
    ]);
    // The plain task's line ticked, the dated task's open (it was the other way round).
    expect(openTasks(files.get(ACME)!).split("\n").filter((l) => l.includes("Send plan"))).toEqual([DATED_OPEN, "- [x] Send plan"]);
    const again = await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    expect(again.warnings).toEqual([]);
    expect(files.get(PREP)).toBe("[[Acme]] prep\n- [x] Send plan\n");
    expect(files.get(LATER)).toBe(`${later}Typed.\n`);
  }
});

describe("ticks not written back on identical lines, the page changed while the round writes it, source links off (B36-J)", () => {
  const ACME = "Customers/Acme.md";
  const PREP = "Notes/2025-06-01.md";
  const LATER = "Notes/2025-06-02.md";
  const OFF: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
  const buildOff = (files: Map<string, string>): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), OFF);
  const STAMPED = "- [x] Send plan \u2705 2025-06-20";
  const DATED_OPEN = "- [ ] Send plan \u2705 2025-06-20";
  const openTasks = (page: string): string => page.split("## Open Tasks\n\n")[1]!.split("\n\n")[0]!;
  const prep = "[[Acme]] prep\n- [ ] Send plan\n";
  const later = "[[Acme]] later\n- [ ] Send plan \u2705 2025-06-20\n";

  /**
   * The page written once, both lines ticked (the dated task's clicked, the plain task's by the Tasks
   * plugin), then a round whose write of each note finds it changed, and whose first write of the page
   * finds it as `meanwhile` makes it from the page it read.
   */
  async function round(meanwhile: (page: string) => string): Promise<{ files: Map<string, string>; warnings: string[]; plain: RegenerateIO }> {
    const files = new Map<string, string>([
      [ACME, "# Acme\n"],
      [PREP, prep],
      [LATER, later],
    ]);
    const plain = memoryIO(files);
    await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    const written = files.get(ACME)!;
    expect(openTasks(written)).toBe(`${DATED_OPEN}\n- [ ] Send plan`);
    const both = written.replace(`${DATED_OPEN}\n- [ ] Send plan`, `${STAMPED}\n${STAMPED}`);
    files.set(ACME, both);
    const typed = (t: string): string => `${t}Typed.\n`;
    const { io, changed } = writesMeet(files, { [PREP]: typed, [LATER]: typed, [ACME]: meanwhile(both) });
    const r = await regenerate(buildOff(files), [ACME], io, { today: TODAY, write: true });
    expect(changed(ACME)).toBe(true);
    expect([PREP, LATER].filter(changed)).toHaveLength(2);
    expect(files.get(PREP)).toBe(`${prep}Typed.\n`);
    expect(files.get(LATER)).toBe(`${later}Typed.\n`);
    return { files, warnings: r.warnings.map((w) => w.message), plain };
  }

  it("the plain task's line unticked (the Tasks plugin takes its date off): the dated task's line stays ticked, and the next run closes the dated task only", async () => {
    const { files, warnings, plain } = await round((p) => p.replace(`${STAMPED}\n${STAMPED}`, `${STAMPED}\n- [ ] Send plan`));
    expect(warnings).toEqual(["changed while ticks were applied; 1 task(s) left unticked", "changed while ticks were applied; 1 task(s) left unticked"]);
    expect(openTasks(files.get(ACME)!)).toBe(`${STAMPED}\n- [ ] Send plan`);
    const again = await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    expect(again.warnings).toEqual([]);
    expect(files.get(LATER)).toBe("[[Acme]] later\n- [x] Send plan \u2705 2025-06-20\nTyped.\n");
    expect(files.get(PREP)).toBe(`${prep}Typed.\n`);
  });

  it("both lines left ticked, a line typed above them: both stay ticked, and the next run closes both tasks", async () => {
    const { files, warnings, plain } = await round((p) => p.replace(`${STAMPED}\n${STAMPED}`, `- [ ] My own line\n${STAMPED}\n${STAMPED}`));
    expect(warnings).toEqual(["changed while ticks were applied; 1 task(s) left unticked", "changed while ticks were applied; 1 task(s) left unticked"]);
    expect(openTasks(files.get(ACME)!).split("\n").filter((l) => l.startsWith("- [x]"))).toEqual([STAMPED, "- [x] Send plan"]);
    const again = await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    expect(again.warnings).toEqual([]);
    expect(files.get(LATER)).toBe("[[Acme]] later\n- [x] Send plan \u2705 2025-06-20\nTyped.\n");
    expect(files.get(PREP)).toBe("[[Acme]] prep\n- [x] Send plan\nTyped.\n");
  });

  it("the dated task's line made [-] by hand: the [x] line left is the plain task's, kept; the [-] line reads as either task, with another status, and is dropped as at the start of a round (B36-A)", async () => {
    const { files, warnings, plain } = await round((p) => p.replace(`${STAMPED}\n${STAMPED}`, `- [-] Send plan \u2705 2025-06-20\n${STAMPED}`));
    expect(warnings).toEqual([
      "changed while ticks were applied; 1 task(s) left unticked",
      "changed while ticks were applied; 1 task(s) left unticked",
      "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [-] Send plan \u2705 2025-06-20",
    ]);
    expect(openTasks(files.get(ACME)!)).toBe(`${DATED_OPEN}\n- [x] Send plan`);
    const again = await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    expect(again.warnings).toEqual([]);
    expect(files.get(PREP)).toBe("[[Acme]] prep\n- [x] Send plan\nTyped.\n");
    expect(files.get(LATER)).toBe(`${later}Typed.\n`);
  });
});

describe("a line moved onto the place of a tick while the round writes the page, the dated task's own line, source links off (B36-K)", () => {
  const ACME = "Customers/Acme.md";
  const PREP = "Notes/2025-06-01.md";
  const LATER = "Notes/2025-06-02.md";
  const OFF: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
  const buildOff = (files: Map<string, string>): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), OFF);
  const DATED_OPEN = "- [ ] Send plan \u2705 2025-06-20";
  const DATED_TICKED = "- [x] Send plan \u2705 2025-06-20";
  const openTasks = (page: string): string => page.split("## Open Tasks\n\n")[1]!.split("\n\n")[0]!;

  it("the plain task's tick written back; the user moves its line up, unticked, and clicks the dated task's line, now where it was: that tick is not taken for the first, and is not lost without a word", async () => {
    const prep = "[[Acme]] prep\n- [ ] Send plan\n";
    const later = "[[Acme]] later\n- [ ] Send plan \u2705 2025-06-20\n";
    const files = new Map<string, string>([
      [ACME, "# Acme\n"],
      [PREP, prep],
      [LATER, later],
    ]);
    const plain = memoryIO(files);
    await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    const written = files.get(ACME)!;
    expect(openTasks(written)).toBe(`${DATED_OPEN}\n- [ ] Send plan`);
    // The plain task's box clicked (no date stamped): the second task line.
    const ticked = written.replace(`${DATED_OPEN}\n- [ ] Send plan`, `${DATED_OPEN}\n- [x] Send plan`);
    files.set(ACME, ticked);
    // Before the round writes the page, the user moves the plain task's line above the dated task's
    // (Alt+Up), clicks it open again, and clicks the dated task's box: the second task line is now the
    // dated task's, ticked; its text with its date cut off reads as the plain task's line did.
    const moved = ticked.replace(`${DATED_OPEN}\n- [x] Send plan`, `- [ ] Send plan\n${DATED_TICKED}`);
    const { io, changed } = writesMeet(files, { [ACME]: moved });
    const r = await regenerate(buildOff(files), [ACME], io, { today: TODAY, write: true });
    expect(changed(ACME)).toBe(true);
    // The plain task's tick was written back; the dated task is open.
    expect(files.get(PREP)).toBe("[[Acme]] prep\n- [x] Send plan\n");
    expect(files.get(LATER)).toBe(later);
    // The dated task's tick is a tick made meanwhile: it stays on the page with its warning (it was
    // taken for the plain task's tick by its place, rendered over, and lost without a word).
    expect(r.warnings.map((w) => w.message)).toEqual(["ticked while it was regenerated; the tick stays on the page, and the next run writes it back"]);
    expect(openTasks(files.get(ACME)!)).toBe(DATED_TICKED);
    // The next run reads the page as any run would: the line reads as the plain task's Tasks tick as
    // much as the dated task's (B36-A), and the plain task is closed: dropped, and said (as in B36-J's
    // test of a line re-ticked that reads as one ticked at the start).
    const again = await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    expect(again.warnings).toEqual([{ file: ACME, message: `tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: ${DATED_TICKED}` }]);
    expect(files.get(LATER)).toBe(later);
    expect(files.get(PREP)).toBe("[[Acme]] prep\n- [x] Send plan\n");
  });

  it("both tasks' ticks written back, their two lines swapped while the round writes the page: each is still its tick, by its line, with no warning", async () => {
    const prep = "[[Acme]] prep\n- [ ] Send plan\n";
    const later = "[[Acme]] later\n- [ ] Send plan \u2705 2025-06-20\n";
    const files = new Map<string, string>([
      [ACME, "# Acme\n"],
      [PREP, prep],
      [LATER, later],
    ]);
    const plain = memoryIO(files);
    await regenerate(buildOff(files), [ACME], plain, { today: TODAY, write: true });
    const written = files.get(ACME)!;
    expect(openTasks(written)).toBe(`${DATED_OPEN}\n- [ ] Send plan`);
    // Both boxes clicked (no date stamped).
    const ticked = written.replace(`${DATED_OPEN}\n- [ ] Send plan`, `${DATED_TICKED}\n- [x] Send plan`);
    files.set(ACME, ticked);
    // Before the round writes the page, the user moves the plain task's line above the other: each
    // place now holds the other ticked line, whose text reads alike with its date cut off.
    const swapped = ticked.replace(`${DATED_TICKED}\n- [x] Send plan`, `- [x] Send plan\n${DATED_TICKED}`);
    const { io, changed } = writesMeet(files, { [ACME]: swapped });
    const r = await regenerate(buildOff(files), [ACME], io, { today: TODAY, write: true });
    expect(changed(ACME)).toBe(true);
    // Both written back, as the user ticked them; the page rendered without them, and nothing to say
    // (each was taken back at its place and ticked anew: two drops, "already closed").
    expect(files.get(PREP)).toBe("[[Acme]] prep\n- [x] Send plan\n");
    expect(files.get(LATER)).toBe("[[Acme]] later\n- [x] Send plan \u2705 2025-06-20\n");
    expect(r.warnings).toEqual([]);
    expect(files.get(ACME)!).not.toContain("Send plan");
  });
});

describe("a tick written back, unticked and ticked again with or without a Tasks date while the round writes the page, source links on (B36-L)", () => {
  const ACME = "Customers/Acme.md";
  const PREP = "Notes/2025-06-01.md";
  const ON: Settings = { ...DEFAULT_SETTINGS, sourceLinks: true };
  const build = (files: Map<string, string>): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), ON);
  const OPEN = "- [ ] Send plan ([[2025-06-01]])";
  const RAW = "- [x] Send plan ([[2025-06-01]])";
  const STAMPED = "- [x] Send plan ([[2025-06-01]]) \u2705 2025-06-20";

  for (const [first, again, how] of [
    [STAMPED, RAW, "the Tasks plugin's tick, taken back (its date taken off) and the box clicked"],
    [RAW, STAMPED, "the box clicked, clicked open and ticked with the Tasks plugin"],
  ] as const) {
    it(`${how}: the line is the tick written back (its note names it), not a tick made meanwhile dropped as 'already closed' by another page`, async () => {
      const prep = "[[Acme]] prep\n- [ ] Send plan\n";
      const files = new Map<string, string>([
        [ACME, "# Acme\n"],
        [PREP, prep],
      ]);
      const plain = memoryIO(files);
      await regenerate(build(files), [ACME], plain, { today: TODAY, write: true });
      const written = files.get(ACME)!;
      expect(written.split("\n").filter((l) => l.includes("Send plan"))).toEqual([OPEN]);
      files.set(ACME, written.replace(OPEN, first));
      // Before the round writes the page (the note already written), the user takes the tick back
      // and ticks the line again, the other way: the same line, the same task, a Tasks date more or less.
      const retyped = written.replace(OPEN, again);
      const { io, changed } = writesMeet(files, { [ACME]: retyped });
      const r = await regenerate(build(files), [ACME], io, { today: TODAY, write: true });
      expect(changed(ACME)).toBe(true);
      // The task closed by the page's tick, as the user left it: nothing dropped, nothing to say (on
      // 38ecc61 too; after e898d66 the line was a tick made meanwhile, dropped with "the task is
      // already closed [x] in Notes/2025-06-01.md (ticked on another page, or in the note)").
      expect(files.get(PREP)).toBe("[[Acme]] prep\n- [x] Send plan\n");
      expect(r.warnings).toEqual([]);
      expect(files.get(ACME)!.split("\n").filter((l) => l.includes("Send plan"))).toEqual([]);
      const next = await regenerate(build(files), [ACME], plain, { today: TODAY, write: true });
      expect(next.warnings).toEqual([]);
      expect(files.get(PREP)).toBe("[[Acme]] prep\n- [x] Send plan\n");
    });
  }
});
