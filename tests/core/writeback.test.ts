// §8 Write-back: ticks on a page's Open Tasks go back to the source notes.
import { describe, expect, it, vi } from "vitest";
import { parseNote } from "../../src/core/note";
import { DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";
import { applyEdits, findTicks, harvestSources, matchTick, openClosedBoxes, tickCandidates, type Tick } from "../../src/core/writeback";

function build(files: Record<string, string>, settings: Settings = DEFAULT_SETTINGS): VaultIndex {
  return VaultIndex.build(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    settings,
  );
}

const ACME = "Customers/Acme.md";
const KICKOFF = "Meetings/2025-10-22 - Kickoff.md";
const PAGE = [
  "---",
  "last_contact: 2025-10-22",
  "---",
  "# Acme",
  "",
  "## Open Tasks",
  "",
  "- [x] Send plan to [[Maya Lin]] ([[2025-10-22 - Kickoff]])",
  "- [ ] Still open ([[2025-10-22 - Kickoff]])",
  "- [-] Drop this ([[Notes/Sync]])",
  "- [X] Upper case ([[2025-10-22 - Kickoff]])",
  "- [x] No source link",
  "",
  "## Key Facts",
  "",
  "- [x] not in Open Tasks ([[2025-10-22 - Kickoff]])",
  "",
].join("\n");

const FILES: Record<string, string> = {
  [ACME]: PAGE,
  [KICKOFF]: "[[Acme]] kickoff\n- [ ] Send plan to [[Maya Lin]]\n- [ ] Still open\n- [ ] Upper case\n",
  "Notes/Sync.md": "---\ndate: 2025-10-20\n---\n[[Acme]]\n- [ ] Drop this\n",
  "Archive/Sync.md": "old\n",
  "People/Maya Lin.md": "---\ncompany: Acme\n---\n",
};

describe("findTicks", () => {
  const index = build(FILES);
  const ticks = findTicks(index, ACME, PAGE);

  it("reads the changed boxes in Open Tasks only, with their status", () => {
    expect(ticks.map((t) => [t.status, t.wanted])).toEqual([
      ["x", "send plan to [[maya lin]]"],
      ["-", "drop this"],
      ["X", "upper case"],
      ["x", "no source link"],
    ]);
  });

  it("the last ` ([[…]])` names the source, resolved from the page's folder", () => {
    expect(ticks.map((t) => t.named)).toEqual([KICKOFF, "Notes/Sync.md", KICKOFF, null]);
  });

  it("a source link with a block id names its note", () => {
    const t = findTicks(index, ACME, "## Open Tasks\n\n- [x] Still open ([[2025-10-22 - Kickoff#^t1]])\n");
    expect(t.map((x) => [x.named, x.wanted])).toEqual([[KICKOFF, "still open"]]);
  });

  it("candidates: the named note first, then the customer's §6 sources", () => {
    expect(tickCandidates(ticks[0]!)).toEqual([KICKOFF, "Notes/Sync.md"]);
    expect(tickCandidates(ticks[1]!)).toEqual(["Notes/Sync.md", KICKOFF]);
    expect(tickCandidates(ticks[3]!)).toEqual([KICKOFF, "Notes/Sync.md"]);
  });

  it("a source link that opens a note the page would link otherwise, no source of C, names nothing", () => {
    // `[[Weekly sync]]` was written for Acme's note; Beta's namesake, with a shorter path, now takes
    // the link (§3 step 4), and the page would write `[[Meetings/B/Weekly sync]]` for it.
    const i = build({
      [ACME]: "## Open Tasks\n",
      "Customers/Beta.md": "---\ntype: customer\n---\n",
      "Meetings/Acme/Weekly sync.md": "---\ndate: 2025-11-10\n---\n[[Acme]]\n- [ ] Send recap\n",
      "Meetings/B/Weekly sync.md": "---\ndate: 2025-11-12\n---\n[[Beta]]\n- [ ] Send recap\n",
    });
    const t = findTicks(i, ACME, "## Open Tasks\n\n- [x] Send recap ([[Weekly sync]])\n");
    expect(t.map((x) => [x.named, tickCandidates(x)])).toEqual([[null, ["Meetings/Acme/Weekly sync.md"]]]);
  });

  it("a source link written exactly as the page writes it names its note, source of C or not (§8: 'there')", () => {
    // Archive/Sync.md does not mention Acme; the page links it as `[[Archive/Sync]]` (its basename is shared).
    const t = findTicks(index, ACME, "## Open Tasks\n\n- [x] Drop this ([[Archive/Sync]])\n");
    expect(t.map((x) => [x.named, tickCandidates(x)])).toEqual([["Archive/Sync.md", ["Archive/Sync.md", KICKOFF, "Notes/Sync.md"]]]);
  });

  it("a tick on the line right below the section's heading, no blank line between them, is read (B37-B)", () => {
    const t = findTicks(index, ACME, "# Acme\n## Open Tasks\n- [x] Still open ([[2025-10-22 - Kickoff]])\n- [ ] Upper case ([[2025-10-22 - Kickoff]])\n## Key Facts\n");
    expect(t.map((x) => [x.line, x.status, x.named])).toEqual([["- [x] Still open ([[2025-10-22 - Kickoff]])", "x", KICKOFF]]);
  });

  it("nothing when Open Tasks are not managed", () => {
    const off = { ...DEFAULT_SETTINGS, managedSections: { ...DEFAULT_SETTINGS.managedSections, openTasks: false } };
    expect(findTicks(build(FILES, off), ACME, PAGE)).toEqual([]);
  });

  it("checkboxes turned off since the page was written: its ticked lines are ticks all the same (§8: none is dropped unsaid)", () => {
    const plain = { ...DEFAULT_SETTINGS, openTasksAsCheckboxes: false };
    expect(findTicks(build(FILES, plain), ACME, PAGE)).toEqual(findTicks(build(FILES, DEFAULT_SETTINGS), ACME, PAGE));
    expect(findTicks(build(FILES, plain), ACME, PAGE).length).toBeGreaterThan(0);
    // A page of plain items holds no checkbox, so no tick.
    expect(findTicks(build(FILES, plain), ACME, "## Open Tasks\n\n- Still open ([[Sync]])\n")).toEqual([]);
  });

  it("with source links off, the whole line is the task text and the sources are C's §6 sources", () => {
    const settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const i = build(FILES, settings);
    const t = findTicks(i, ACME, "## Open Tasks\n\n- [x] Still open\n");
    expect(t.map((x) => [x.wanted, x.named, tickCandidates(x)])).toEqual([["still open", null, [KICKOFF, "Notes/Sync.md"]]]);
  });

  it("harvestSources lists C's §6 sources in §4 order", () => {
    expect(harvestSources(index, ACME).map((n) => n.path)).toEqual([KICKOFF, "Notes/Sync.md"]);
  });
});

describe("matchTick and applyEdits", () => {
  const text = "[[Acme]]\n- [ ] Send plan\n- [x] Send plan\n- [ ] send  PLAN.\n- [ ] Other\n";
  const note = parseNote("Notes/n.md", text, DEFAULT_SETTINGS).note;
  const tick = (wanted: string, status = "x"): Tick => ({ page: ACME, line: "", status, wanted, sources: [], named: null });
  /** The edit of the task whose box is at `offset`, with that task's item (its text as written). */
  const edit = (offset: number, status: string, text: string) => ({ offset, status, item: expect.objectContaining({ taskOffset: offset, text }) });

  it("finds every open task with the same normalised text (§8), closed ones left alone", () => {
    const e = matchTick(note, "n", tick("send plan"), text, new Set());
    expect(e).toEqual([
      edit(text.indexOf("[ ] Send plan") + 1, "x", "Send plan"),
      edit(text.indexOf("[ ] send  PLAN.") + 1, "x", "send  PLAN."),
    ]);
  });

  it("of identical task lines in one note, ticks only the first open one (issue 5: Obsidian Tasks' rule)", () => {
    const t = "- [ ] Send plan\n- [ ] Send plan\n";
    const n = parseNote("Notes/n.md", t, DEFAULT_SETTINGS).note;
    expect(matchTick(n, "n", tick("send plan"), t, new Set())).toEqual([edit(3, "x", "Send plan")]);
    // Once taken (by another tick of the same text), the second one is next.
    expect(matchTick(n, "n", tick("send plan"), t, new Set([3]))).toEqual([edit(t.indexOf("[ ] Send plan", 3) + 1, "x", "Send plan")]);
  });

  it("skips offsets already taken", () => {
    const [first] = matchTick(note, "n", tick("send plan"), text, new Set());
    const rest = matchTick(note, "n", tick("send plan"), text, new Set([first!.offset]));
    expect(rest).toEqual([edit(text.indexOf("[ ] send  PLAN.") + 1, "x", "send  PLAN.")]);
    expect(matchTick(note, "n", tick("send plan"), text, new Set([first!.offset, rest[0]!.offset]))).toEqual([]);
  });

  it("a task in an item that holds it on its line (`- - [ ] x`, `1. > - [ ] x`) is found and ticked in place (B29-D)", () => {
    const t = "[[Acme]]\n- - [ ] Send plan\n1. > - [ ] Book demo\n";
    const n = parseNote("Notes/n.md", t, DEFAULT_SETTINGS).note;
    const edits = [...matchTick(n, "n", tick("send plan"), t, new Set()), ...matchTick(n, "n", tick("book demo", "-"), t, new Set())];
    expect(applyEdits(t, edits)).toBe("[[Acme]]\n- - [x] Send plan\n1. > - [-] Book demo\n");
  });

  it("no match, no edit", () => {
    expect(matchTick(note, "n", tick("nothing like it"), text, new Set())).toEqual([]);
  });

  it("a task whose text contains a self-link matches its rewritten form", () => {
    const t = "- [ ] See [[#Plan]]\n";
    const n = parseNote("Notes/n.md", t, DEFAULT_SETTINGS).note;
    expect(matchTick(n, "n", tick("see [[n#plan]]"), t, new Set())).toHaveLength(1);
  });

  it("applyEdits changes only the status characters", () => {
    const a = matchTick(note, "n", tick("send plan", "-"), text, new Set());
    const b = matchTick(note, "n", tick("other", "X"), text, new Set());
    const after = applyEdits(text, [...a, ...b]);
    expect(after).toBe("[[Acme]]\n- [-] Send plan\n- [x] Send plan\n- [-] send  PLAN.\n- [X] Other\n");
    expect(after.length).toBe(text.length);
  });

  it("applyEdits: of two edits at one offset the later one is written whole, a status of two code units (an emoji) too (B32-F)", () => {
    // Applied in turn, the second edit replaced only the first code unit of the first one's emoji:
    // `[🔥]` ticked again gave `[🔥` and a lone low surrogate `]`, written into the user's note.
    const t = "- [ ] a\n";
    expect(applyEdits(t, [{ offset: 3, status: "🔥" }, { offset: 3, status: "🔥" }])).toBe("- [🔥] a\n");
    expect(applyEdits(t, [{ offset: 3, status: "🔥" }, { offset: 3, status: "x" }])).toBe("- [x] a\n");
    expect(applyEdits(t, [{ offset: 3, status: "x" }, { offset: 3, status: "🔥" }])).toBe("- [🔥] a\n");
  });

  it("applyEdits keeps CRLF and everything else", () => {
    const t = "---\r\na: b\r\n---\r\n- [ ] Task ^id1\r\n";
    const n = parseNote("Notes/n.md", t, DEFAULT_SETTINGS).note;
    const e = matchTick(n, "n", tick("task"), t, new Set());
    expect(applyEdits(t, e)).toBe("---\r\na: b\r\n---\r\n- [x] Task ^id1\r\n");
  });
});

describe("openClosedBoxes", () => {
  it("opens every closed task's box and keeps its status by offset; boxes in code, the frontmatter or two-unit statuses are left", () => {
    const t = "---\nx: - [x] no task\n---\n- [x] Done\n  1. [-] Cancelled\n- [ ] Open\n```\n- [x] fenced\n```\n- [\u{1F600}] emoji\n";
    const r = openClosedBoxes(t)!;
    expect(r.text).toBe("---\nx: - [x] no task\n---\n- [ ] Done\n  1. [ ] Cancelled\n- [ ] Open\n```\n- [x] fenced\n```\n- [\u{1F600}] emoji\n");
    expect([...r.status]).toEqual([
      [t.indexOf("[x] Done") + 1, "x"],
      [t.indexOf("[-] Cancelled") + 1, "-"],
    ]);
    expect(openClosedBoxes("- [ ] Open\n")).toBeNull();
  });
});

describe("findTicks's work with source links off", () => {
  it("N tasks of one text, each with its own Tasks date, all ticked by the Tasks plugin: each its own task, in work linear in N (B35-I)", () => {
    // Every line reads `Foo ✅ <today>`; which tasks of `Foo` may be a line's is worked out once for
    // the text, not once per line over all N keys (N² set look-ups, 1,283,205 for N = 800).
    const counts: number[] = [];
    for (const n of [200, 800]) {
      const day = (i: number): string => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      const tasks = Array.from({ length: n }, (_, i) => `- [ ] Foo \u2705 ${day(i)}`);
      const page = ["---", "type: customer", "---", "# Delta", "", "## Open Tasks", "", ...tasks.map(() => "- [x] Foo \u2705 2025-06-20"), ""].join("\n");
      const index = build({ "Customers/Delta.md": page, "Meetings/2025-06-10 - Delta.md": `---\ntype: meeting\n---\nWith [[Delta]].\n\n${tasks.join("\n")}\n` }, { ...DEFAULT_SETTINGS, sourceLinks: false });
      const has = vi.spyOn(Set.prototype, "has");
      const ticks = findTicks(index, "Customers/Delta.md", page);
      counts.push(has.mock.calls.length);
      has.mockRestore();
      expect(new Set(ticks.map((t) => t.wanted)).size).toBe(n);
      expect(ticks.every((t) => t.named === null)).toBe(true);
    }
    expect(counts[1]).toBeLessThan(counts[0]! * 8);
  });
});
