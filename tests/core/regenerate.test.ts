// One regeneration round (§7, §8): ticks applied to their sources first, then pages rendered and
// written only when their text changes.
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { regenerate, type RegenerateIO } from "../../src/core/regenerate";
import { DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";

const TODAY = parseIsoDay("2025-11-01")!;
const ACME = "Customers/Acme.md";
const KICKOFF = "Meetings/2025-10-22 - Kickoff.md";

/** An in-memory vault with a write log. */
function memory(files: Record<string, string>): { files: Map<string, string>; writes: string[]; io: RegenerateIO } {
  const map = new Map(Object.entries(files));
  const writes: string[] = [];
  return {
    files: map,
    writes,
    io: {
      read: async (p) => map.get(p) ?? null,
      write: async (p, expected, next) => {
        if (map.get(p) !== expected) return false;
        map.set(p, next);
        writes.push(p);
        return true;
      },
    },
  };
}

function build(files: Map<string, string>, settings: Settings = DEFAULT_SETTINGS): VaultIndex {
  return VaultIndex.build(
    [...files].map(([path, text]) => ({ path, text })),
    settings,
  );
}

const page = (tasks: string[]): string => ["# Acme", "", "## Open Tasks", "", ...tasks, ""].join("\n");

const SOURCES: Record<string, string> = {
  [KICKOFF]: "[[Acme]] kickoff\n- [ ] Send plan\n- [ ] Other\n",
  "Notes/2025-10-20.md": "[[Acme]] prep\n- [ ] send  plan.\n- [ ] Send plan\n",
  "Notes/2025-10-21.md": "[[Globex]] with [[Maya]]\n- [ ] Send plan\n",
  "Customers/Globex.md": "# Globex\n",
  "People/Maya.md": "---\ncompany: Acme\n---\n",
};

describe("regenerate: write-back (§8)", () => {
  it("the same task ticked on two customers' pages is one tick: of identical lines only the first is ticked", async () => {
    const JOINT = "Meetings/2025-10-22 - Joint.md";
    const src = (a: string, b: string) => `Joint call with [[Acme]] and [[Beta]].\n\n- [${a}] Send the contract\n- [${b}] Send the contract\n- [ ] Other\n`;
    const customerPage = (name: string, box: string) =>
      [`# ${name}`, "", "## Open Tasks", "", `- [${box}] Send the contract ([[2025-10-22 - Joint]])`, "- [ ] Other ([[2025-10-22 - Joint]])", ""].join("\n");
    const m = memory({ [JOINT]: src(" ", " "), [ACME]: customerPage("Acme", "x"), "Customers/Beta.md": customerPage("Beta", "x") });
    const index = build(m.files);
    const report = await regenerate(index, [ACME, "Customers/Beta.md"], m.io, { today: TODAY, write: true });
    expect(m.files.get(JOINT)).toBe(src("x", " "));
    expect(report.sources).toEqual([{ path: JOINT, ticks: 1, written: true }]);
    expect(report.warnings).toEqual([]);
    // The second identical line is still open: both pages list it again.
    for (const p of [ACME, "Customers/Beta.md"]) expect(m.files.get(p)).toContain("- [ ] Send the contract ([[2025-10-22 - Joint]])");
  });

  it("a tick whose named note closed the task meanwhile is dropped, though another source of the page holds it open (§8: the first open task there; B37-E)", async () => {
    // One page line stands for both notes' `Send the contract` (§6 de-duplication) and names B, the
    // newer. B's task was closed in its note since the page was written; the line is then ticked.
    // §8: "the first open task there [in B] … gets that status …; if no such open task is left, the
    // tick is dropped and a warning says so" — A's task is not the one the line names.
    const A = "Meetings/2025-10-20 - A.md";
    const B = "Meetings/2025-10-21 - B.md";
    const a = "Call with [[Acme]].\n\n- [ ] Send the contract\n";
    const b = "Call with [[Acme]].\n\n- [x] Send the contract\n";
    const line = "- [x] Send the contract ([[2025-10-21 - B]])";
    const m = memory({ [A]: a, [B]: b, [ACME]: page([line]) });
    const report = await regenerate(build(m.files), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(A)).toBe(a);
    expect(m.files.get(B)).toBe(b);
    expect(report.sources).toEqual([]);
    expect(report.warnings).toEqual([{ file: ACME, message: `tick dropped, the task is already closed [x] in ${B} (ticked on another page, or in the note): ${line}` }]);
    // The page shows A's task, open: tick it there if it is meant.
    expect(m.files.get(ACME)).toContain("## Open Tasks\n\n- [ ] Send the contract ([[2025-10-20 - A]])\n\n");
  });

  it("a tick whose named note deleted the task meanwhile is dropped with a warning naming that note, not \"no open task matches it\": another source holds one, which the page shows (B37-F)", async () => {
    // As above, but B's task was deleted, not closed: the tick is dropped (§8: "the first open task
    // there"), and A's open task of that text is on the next page — the warning must not deny it.
    const A = "Meetings/2025-10-20 - A.md";
    const B = "Meetings/2025-10-21 - B.md";
    const a = "Call with [[Acme]].\n\n- [ ] Send the contract\n";
    const b = "Call with [[Acme]].\n";
    const line = "- [x] Send the contract ([[2025-10-21 - B]])";
    const m = memory({ [A]: a, [B]: b, [ACME]: page([line]) });
    const report = await regenerate(build(m.files), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(A)).toBe(a);
    expect(m.files.get(B)).toBe(b);
    expect(report.sources).toEqual([]);
    expect(report.warnings).toEqual([
      {
        file: ACME,
        message:
          `tick dropped, ${B} (the note its line names) holds no open task of it any more; another note's task of ` +
          `that text is not the one ticked: the page shows it, tick it there if it is meant: ${line}`,
      },
    ]);
    expect(m.files.get(ACME)).toContain("## Open Tasks\n\n- [ ] Send the contract ([[2025-10-20 - A]])\n\n");
  });

  describe("a tick whose named note deleted the task, another source passed over (B37-G)", () => {
    // Joint (a note of Acme and Beta) holds the task open; B, Acme's, deleted it. Acme's line names
    // B, Beta's names Joint. Whether Acme's next page shows the task is known only once Joint is
    // written: the warning is decided then, not when Acme's tick is met.
    const BETA = "Customers/Beta.md";
    const J = "Meetings/2025-10-20 - Joint.md";
    const B = "Meetings/2025-10-21 - B.md";
    const j = "Joint call with [[Acme]] and [[Beta]].\n\n- [ ] Send the contract\n";
    const acmeLine = "- [x] Send the contract ([[2025-10-21 - B]])";
    const files = (): Record<string, string> => ({
      [J]: j,
      [B]: "Call with [[Acme]].\n",
      [ACME]: page([acmeLine]),
      [BETA]: page(["- [x] Send the contract ([[2025-10-20 - Joint]])"]).replace("# Acme", "# Beta"),
    });

    it("Beta's tick, met after Acme's, closes Joint's task: the next page shows none, and the warning says no open task matches it", async () => {
      const m = memory(files());
      const report = await regenerate(build(m.files), [ACME, BETA], m.io, { today: TODAY, write: true });
      expect(m.files.get(J)).toBe(j.replace("- [ ]", "- [x]"));
      expect(report.warnings).toEqual([{ file: ACME, message: `tick dropped, no open task matches it: ${acmeLine}` }]);
      expect(m.files.get(ACME)).not.toContain("Send the contract");
    });

    it("Joint holds the task on two identical lines: Beta's tick closes the first, the next page shows the second, and the warning names B", async () => {
      const m = memory({ ...files(), [J]: `${j}- [ ] Send the contract\n` });
      const report = await regenerate(build(m.files), [ACME, BETA], m.io, { today: TODAY, write: true });
      // §8: the first open task there — the second line stays open.
      expect(m.files.get(J)).toBe("Joint call with [[Acme]] and [[Beta]].\n\n- [x] Send the contract\n- [ ] Send the contract\n");
      expect(report.warnings).toEqual([
        {
          file: ACME,
          message:
            `tick dropped, ${B} (the note its line names) holds no open task of it any more; another note's task of ` +
            `that text is not the one ticked: the page shows it, tick it there if it is meant: ${acmeLine}`,
        },
      ]);
      expect(m.files.get(ACME)).toContain("## Open Tasks\n\n- [ ] Send the contract ([[2025-10-20 - Joint]])\n\n");
    });

    it("Beta's tick, met first, is not written (Joint changed meanwhile): the next page shows Joint's task, and the warning names B", async () => {
      const m = memory(files());
      const write = m.io.write;
      // Joint gets a line while the round runs: its write is refused, its task stays open.
      m.io.write = async (p, expected, next) => {
        if (p === J) m.files.set(J, `${j}More.\n`);
        return write(p, expected, next);
      };
      const report = await regenerate(build(m.files), [BETA, ACME], m.io, { today: TODAY, write: true });
      expect(m.files.get(J)).toBe(`${j}More.\n`);
      expect(report.warnings).toEqual([
        {
          file: ACME,
          message:
            `tick dropped, ${B} (the note its line names) holds no open task of it any more; another note's task of ` +
            `that text is not the one ticked: the page shows it, tick it there if it is meant: ${acmeLine}`,
        },
        { file: J, message: "changed while ticks were applied; 1 task(s) left unticked" },
      ]);
      expect(m.files.get(ACME)).toContain("## Open Tasks\n\n- [ ] Send the contract ([[2025-10-20 - Joint]])\n\n");
    });
  });

  it("a task on two page lines that name its self-link differently, both ticked with an emoji: the note gets the emoji once, whole (B32-F)", async () => {
    // `[[2025-10-22 - Kickoff#Plan]]` and `[[Meetings/2025-10-22 - Kickoff#Plan]]` are two forms of the
    // task's self-link (a page written before a namesake came, or edited): two ticks of two texts, one
    // task. Before the one-pass applyEdits the second tick's emoji replaced only the first unit of
    // the first one's, and the note got `[🔥` followed by a lone surrogate.
    const note = "[[Acme]] kickoff\n\n## Plan\n\n- [ ] See [[#Plan]]\n";
    const m = memory({
      [KICKOFF]: note,
      [ACME]: page(["- [🔥] See [[2025-10-22 - Kickoff#Plan]] ([[2025-10-22 - Kickoff]])", "- [🔥] See [[Meetings/2025-10-22 - Kickoff#Plan]] ([[2025-10-22 - Kickoff]])"]),
    });
    const report = await regenerate(build(m.files), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(KICKOFF)).toBe("[[Acme]] kickoff\n\n## Plan\n\n- [🔥] See [[#Plan]]\n");
    expect(report.warnings).toEqual([]);
    expect(m.files.get(ACME)).not.toContain("See [[");
  });

  it("a task on two page lines that name its self-link differently, ticked [x] and [-]: one tick, the first line's status is written, with a warning (B32-F)", async () => {
    // As for one text ticked twice: before, the later status was written over the first with no
    // word, and the one task was counted as two ticks.
    const note = "[[Acme]] kickoff\n\n## Plan\n\n- [ ] See [[#Plan]]\n";
    const second = "- [-] See [[Meetings/2025-10-22 - Kickoff#Plan]] ([[2025-10-22 - Kickoff]])";
    for (const write of [true, false]) {
      const m = memory({ [KICKOFF]: note, [ACME]: page(["- [x] See [[2025-10-22 - Kickoff#Plan]] ([[2025-10-22 - Kickoff]])", second]) });
      const report = await regenerate(build(m.files), [ACME], m.io, { today: TODAY, write });
      expect(m.files.get(KICKOFF)).toBe(write ? "[[Acme]] kickoff\n\n## Plan\n\n- [x] See [[#Plan]]\n" : note);
      expect(report.sources).toEqual([{ path: KICKOFF, ticks: 1, written: write }]);
      const was = write ? "was" : "would be";
      expect(report.warnings).toEqual([
        {
          file: ACME,
          message: `[-] not written back: this page also ticks the same task [x], which ${was} written to ${KICKOFF} (the page read first wins; change it there if [-] was meant): ${second}`,
        },
      ]);
    }
  });

  it("a task ticked on two pages whose lines name its self-link differently, the note not writable: both pages keep the tick, one task left unticked (B32-F)", async () => {
    const JOINT = "Meetings/2025-10-22 - Joint.md";
    const BETA = "Customers/Beta.md";
    const note = "Joint call with [[Acme]] and [[Beta]].\n\n## Plan\n\n- [ ] See [[#Plan]]\n";
    const m = memory({
      [JOINT]: note,
      [ACME]: page(["- [x] See [[2025-10-22 - Joint#Plan]] ([[2025-10-22 - Joint]])"]),
      [BETA]: page(["- [x] See [[Meetings/2025-10-22 - Joint#Plan]] ([[2025-10-22 - Joint]])"]).replace("# Acme", "# Beta"),
    });
    const write = m.io.write;
    m.io.write = async (p, expected, next) => {
      if (p === JOINT) throw new Error("disk full");
      return write(p, expected, next);
    };
    const report = await regenerate(build(m.files), [ACME, BETA], m.io, { today: TODAY, write: true });
    expect(m.files.get(JOINT)).toBe(note);
    expect(report.warnings).toEqual([{ file: JOINT, message: "not written (disk full); 1 task(s) left unticked" }]);
    // Each page, rendered, still holds the tick, on the line as the page now writes it.
    for (const p of [ACME, BETA]) expect(m.files.get(p)).toContain("\n- [x] See [[2025-10-22 - Joint#Plan]] ([[2025-10-22 - Joint]])\n");
  });

  it("one task ticked [-] on one page and [x] on another: the first page's status is written, with a warning naming both pages", async () => {
    const JOINT = "Meetings/2025-10-22 - Joint.md";
    const BETA = "Customers/Beta.md";
    const src = (box: string) => `Joint call with [[Acme]] and [[Beta]].\n\n- [${box}] Send the contract\n- [ ] Other\n`;
    const customerPage = (name: string, box: string) =>
      [`# ${name}`, "", "## Open Tasks", "", `- [${box}] Send the contract ([[2025-10-22 - Joint]])`, "- [ ] Other ([[2025-10-22 - Joint]])", ""].join("\n");
    for (const write of [true, false]) {
      const m = memory({ [JOINT]: src(" "), [ACME]: customerPage("Acme", "-"), [BETA]: customerPage("Beta", "x") });
      const report = await regenerate(build(m.files), [ACME, BETA], m.io, { today: TODAY, write });
      expect(m.files.get(JOINT)).toBe(src(write ? "-" : " "));
      expect(report.sources).toEqual([{ path: JOINT, ticks: 1, written: write }]);
      expect(report.warnings).toEqual([
        {
          file: BETA,
          message:
            `[x] not written back: ${ACME} ticked the same task [-], which ${write ? "was" : "would be"} written to ${JOINT} ` +
            "(the page read first wins; change it there if [x] was meant): - [x] Send the contract ([[2025-10-22 - Joint]])",
        },
      ]);
    }
  });

  it("one task ticked with two statuses, the later tick also taken by another source of its page: the warning says where it was written", async () => {
    const JOINT = "Meetings/2025-10-22 - Joint.md";
    const ONLY = "Meetings/2025-10-21 - Beta only.md";
    const BETA = "Customers/Beta.md";
    const joint = (box: string) => `Joint call with [[Acme]] and [[Beta]].\n\n- [${box}] Send notes\n`;
    const only = (box: string) => `Call with [[Beta]].\n\n- [${box}] Send notes\n`;
    const customerPage = (name: string, box: string) => [`# ${name}`, "", "## Open Tasks", "", `- [${box}] Send notes ([[2025-10-22 - Joint]])`, ""].join("\n");
    for (const write of [true, false]) {
      const m = memory({ [JOINT]: joint(" "), [ONLY]: only(" "), [ACME]: customerPage("Acme", "-"), [BETA]: customerPage("Beta", "x") });
      const report = await regenerate(build(m.files), [ACME, BETA], m.io, { today: TODAY, write });
      expect(m.files.get(JOINT)).toBe(joint(write ? "-" : " "));
      // Beta's line stood for both its notes' tasks (§8): its [x] went to the other one.
      expect(m.files.get(ONLY)).toBe(only(write ? "x" : " "));
      const was = write ? "was" : "would be";
      expect(report.warnings).toEqual([
        {
          file: BETA,
          message:
            `[x] ${was} written back to ${ONLY} only: ${ACME} ticked the same task [-], which ${was} written to ${JOINT} ` +
            "(the page read first wins; change it there if [x] was meant): - [x] Send notes ([[2025-10-22 - Joint]])",
        },
      ]);
    }
  });

  it("one task ticked with two statuses whose note cannot be written: both ticks stay on their pages, and the next run warns", async () => {
    const JOINT = "Meetings/2025-10-22 - Joint.md";
    const BETA = "Customers/Beta.md";
    const src = (box: string) => `Joint call with [[Acme]] and [[Beta]].\n\n- [${box}] Send the contract\n- [ ] Other\n`;
    const customerPage = (name: string, box: string) =>
      [`# ${name}`, "", "## Open Tasks", "", `- [${box}] Send the contract ([[2025-10-22 - Joint]])`, "- [ ] Other ([[2025-10-22 - Joint]])", ""].join("\n");
    const m = memory({ [JOINT]: src(" "), [ACME]: customerPage("Acme", "-"), [BETA]: customerPage("Beta", "x") });
    const io: RegenerateIO = { ...m.io, write: (p, e, n) => (p === JOINT ? Promise.reject(new Error("read-only")) : m.io.write(p, e, n)) };
    const report = await regenerate(build(m.files), [ACME, BETA], io, { today: TODAY, write: true });
    expect(m.files.get(JOINT)).toBe(src(" "));
    expect(m.files.get(ACME)).toContain("- [-] Send the contract ([[2025-10-22 - Joint]])");
    expect(m.files.get(BETA)).toContain("- [x] Send the contract ([[2025-10-22 - Joint]])");
    // Nothing was written to the note: no status to name yet, only why it was not written.
    expect(report.warnings.map((w) => w.file)).toEqual([JOINT]);
    m.io.write = async (p, e, n) => {
      if (m.files.get(p) !== e) return false;
      m.files.set(p, n);
      return true;
    };
    const again = await regenerate(build(m.files), [ACME, BETA], m.io, { today: TODAY, write: true });
    expect(m.files.get(JOINT)).toBe(src("-"));
    expect(again.warnings.map((w) => w.file)).toEqual([BETA]);
  });

  it("source links off: a tick on a task whose own text ends in a Tasks date, its note not writable, stays on the page", async () => {
    const NOTE = "Meetings/2025-10-22 - Plan.md";
    const src = (a: string) => `[[Acme]] plan\n- [${a}] Send plan \u2705 2025-10-01\n`;
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [NOTE]: src(" "), [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written).toContain("- [ ] Send plan \u2705 2025-10-01\n");
    m.files.set(ACME, written.replace("- [ ] Send plan", "- [x] Send plan"));
    const io: RegenerateIO = { ...m.io, write: (p, e, n) => (p === NOTE ? Promise.reject(new Error("read-only")) : m.io.write(p, e, n)) };
    const report = await regenerate(build(m.files, settings), [ACME], io, { today: TODAY, write: true });
    expect(m.files.get(NOTE)).toBe(src(" "));
    expect(report.warnings.map((w) => w.file)).toEqual([NOTE]);
    expect(m.files.get(ACME)).toContain("- [x] Send plan \u2705 2025-10-01\n");
    const again = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(again.warnings).toEqual([]);
    expect(m.files.get(NOTE)).toBe(src("x"));
  });

  /**
   * B35-G's two notes, source links off, the page written once: A holds `Send plan ✅ 2025-10-01` (a
   * date the Tasks plugin left, the task unticked by hand), B `Send plan`.
   */
  async function sendPlanTwice() {
    const A = "Meetings/2025-10-22 - Plan.md";
    const B = "Notes/2025-10-23.md";
    const a = (box: string) => `[[Acme]] plan\n- [${box}] Send plan \u2705 2025-10-01\n`;
    const b = (box: string) => `[[Acme]] prep\n- [${box}] Send plan\n`;
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [A]: a(" "), [B]: b(" "), [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    return { A, B, a, b, settings, m, written: m.files.get(ACME)! };
  }

  it("source links off: a block id Obsidian appends to a ticked task whose own text ends in a Tasks date closes that task, not the one without the date", async () => {
    // B35-G: `Send plan ✅ 2025-10-01` ticked, then a link to its line copied (` ^b7c8d9` appended):
    // with the id and then the date cut, the line read as `Send plan`, another note's task.
    const { A, B, a, b, settings, m, written } = await sendPlanTwice();
    expect(written).toContain("- [ ] Send plan \u2705 2025-10-01\n");
    m.files.set(ACME, written.replace("- [ ] Send plan \u2705 2025-10-01\n", "- [x] Send plan \u2705 2025-10-01 ^b7c8d9\n"));
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(report.warnings).toEqual([]);
    expect(m.files.get(A)).toBe(a("x"));
    expect(m.files.get(B)).toBe(b(" "));
    expect(m.files.get(ACME)).toContain("- [ ] Send plan\n");
  });

  it("source links off, the list made numbered: the Tasks plugin's tick of the task whose own date it replaced closes that task, the other's line standing open (B38-B)", async () => {
    // README ("Tasks and Dataview"): a task whose own text ends in a Tasks date is shown with it, and
    // its tick closes that task "also when the Tasks plugin ticks it and puts today's date in place
    // of the old one: a task whose line still stands open on the page is not the one you ticked";
    // and a tick on a numbered line (`1. [x] …`, as "Toggle numbered list" leaves it) is a tick. So
    // `2. [x] Send plan ✅ 2025-11-01` is A's task: B's `1. [ ] Send plan` still stands open.
    const { A, B, a, b, settings, m, written } = await sendPlanTwice();
    const open = "- [ ] Send plan\n- [ ] Send plan \u2705 2025-10-01\n";
    expect(written).toContain(`## Open Tasks\n\n${open}`);
    for (const [first, second] of [["- [ ]", "- [x]"], ["1. [ ]", "2. [x]"], ["1) [ ]", "2) [x]"]]) {
      m.files.set(A, a(" "));
      m.files.set(ACME, written.replace(open, `${first} Send plan\n${second} Send plan \u2705 2025-11-01\n`));
      const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
      expect({ first, warnings: report.warnings }).toEqual({ first, warnings: [] });
      expect(m.files.get(A)).toBe(a("x"));
      expect(m.files.get(B)).toBe(b(" "));
      expect(m.files.get(ACME)).toContain("## Open Tasks\n\n- [ ] Send plan\n");
    }
  });

  it("source links off: a Tasks tick the page cannot tell apart is dropped with a warning saying so, not that no open task matches it: the tasks of its text are open, and the next page shows them (B38-E)", async () => {
    // README ("Tasks and Dataview"): a task of that text added to a note since the page was written
    // is one of the cases where "the page cannot tell which task a tick is". B's line `Send plan`
    // ticked by the Tasks plugin today may be B's task or C's `Send plan ✅ 2025-09-15`, added since
    // (its date replaced); A's line still stands open, so it is not A's. Three open tasks of the
    // text: "no open task matches it" was untrue.
    const { A, B, a, b, settings, m, written } = await sendPlanTwice();
    const C = "Notes/2025-10-24.md";
    const c = (box: string) => `[[Acme]] later\n- [${box}] Send plan \u2705 2025-09-15\n`;
    m.files.set(C, c(" "));
    m.files.set(ACME, written.replace("- [ ] Send plan\n", "- [x] Send plan \u2705 2025-11-01\n"));
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(report.warnings).toEqual([
      {
        file: ACME,
        message: "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan \u2705 2025-11-01",
      },
    ]);
    expect([m.files.get(A), m.files.get(B), m.files.get(C)]).toEqual([a(" "), b(" "), c(" ")]);
    // The notes' tasks newest note first (§6): C's, B's, A's.
    expect(m.files.get(ACME)).toContain("## Open Tasks\n\n- [ ] Send plan \u2705 2025-09-15\n- [ ] Send plan\n- [ ] Send plan \u2705 2025-10-01\n");
    // A line with a word added reads as no task of any source: that warning stands.
    m.files.set(ACME, m.files.get(ACME)!.replace("- [ ] Send plan\n", "- [x] Send plan now \u2705 2025-11-01\n"));
    const added = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(added.warnings).toEqual([{ file: ACME, message: "tick dropped, no open task matches it: - [x] Send plan now \u2705 2025-11-01" }]);
    expect([m.files.get(A), m.files.get(B), m.files.get(C)]).toEqual([a(" "), b(" "), c(" ")]);
  });

  it("source links off: a Tasks tick of a stale line whose text's one open task still stands open on the page is not told to be ticked again where the page shows the task: that task is not it (B38-F)", async () => {
    // A's `Send plan ✅ 2025-10-01` closed in its note since the page was written; the user ticks its
    // stale line with the Tasks plugin, which puts today's date in place of A's. B's `Send plan` is
    // the only open task of the text, and its line still stands open on the page: README, "a task
    // whose line still stands open on the page is not the one you ticked". The page tells that the
    // tick is no open task; 261a522 said it "cannot tell which task of its text it is: tick it again
    // where the page shows the task", and the next page shows B's line only — ticking it, as told,
    // closes B, which the user never ticked.
    const { A, B, b, settings, m, written } = await sendPlanTwice();
    const closedA = "[[Acme]] plan\n- [x] Send plan \u2705 2025-10-01\n";
    m.files.set(A, closedA);
    m.files.set(ACME, written.replace("- [ ] Send plan \u2705 2025-10-01\n", "- [x] Send plan \u2705 2025-11-01\n"));
    expect(m.files.get(ACME)).toContain("## Open Tasks\n\n- [ ] Send plan\n- [x] Send plan \u2705 2025-11-01\n");
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(report.warnings).toEqual([{ file: ACME, message: "tick dropped, no open task matches it: - [x] Send plan \u2705 2025-11-01" }]);
    expect([m.files.get(A), m.files.get(B)]).toEqual([closedA, b(" ")]);
    expect(m.files.get(ACME)).toContain("## Open Tasks\n\n- [ ] Send plan\n\n");
  });

  it("source links off: a Tasks tick of a task deleted from its note after the index read it, its text no other open task's, says no open task matches it, not that the page cannot tell which (B39-C)", async () => {
    // B's `Send plan` ticked by the Tasks plugin (today's date appended); A's `Send plan ✅ 2025-10-01`
    // stands open beside it, so the tick is B's (B35-G). B's task is deleted just before the round
    // reads B (the index still holds it): the tick reads as an open task, and finds none. No open
    // task of its text is left; "tick it again where the page shows the task" would send the user to
    // A's line, another task.
    const { A, B, a, settings, m, written } = await sendPlanTwice();
    m.files.set(ACME, written.replace("- [ ] Send plan\n", "- [x] Send plan \u2705 2025-11-01\n"));
    const index = build(m.files, settings);
    const deleted = "[[Acme]] prep\n";
    m.files.set(B, deleted);
    const report = await regenerate(index, [ACME], m.io, { today: TODAY, write: true });
    expect(report.warnings).toEqual([{ file: ACME, message: "tick dropped, no open task matches it: - [x] Send plan \u2705 2025-11-01" }]);
    expect([m.files.get(A), m.files.get(B)]).toEqual([a(" "), deleted]);
  });

  it("source links off: two Tasks ticks of one text with two statuses, a text no note holds, say no open task matches them, not that the page cannot tell which (B39-C)", async () => {
    // Typed on the page (or their tasks deleted long ago): `Call the bank` is no task of any note,
    // open or closed. The two statuses leave the page unable to tell the lines' task, but there is
    // no task to tell: "tick it again where the page shows the task" points at nothing.
    const { A, B, a, b, settings, m, written } = await sendPlanTwice();
    m.files.set(ACME, written.replace("## Open Tasks\n\n", "## Open Tasks\n\n- [x] Call the bank \u2705 2025-11-01\n- [-] Call the bank \u274c 2025-11-01\n"));
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(report.warnings).toEqual([
      { file: ACME, message: "tick dropped, no open task matches it: - [x] Call the bank \u2705 2025-11-01" },
      { file: ACME, message: "tick dropped, no open task matches it: - [-] Call the bank \u274c 2025-11-01" },
    ]);
    expect([m.files.get(A), m.files.get(B)]).toEqual([a(" "), b(" ")]);
    expect(m.files.get(ACME)).not.toContain("Call the bank");
  });

  it("source links off: a task's line clicked, a copy of it clicked with the same status, and another copy ticked by the Tasks plugin the day before: all three are that task, ticked [x] once, no warning (B39-C)", async () => {
    // The one open task of the text, `Send plan` in B. Two plain lines of one status are one click
    // (a line the page shows twice is one tick, §8); the Tasks line of that status beside them reads
    // as the same task (B36-A's two-status case is for a click of another status).
    const B = "Notes/2025-10-23.md";
    const b = (box: string) => `[[Acme]] prep\n- [${box}] Send plan\n`;
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [B]: b(" "), [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written).toContain("## Open Tasks\n\n- [ ] Send plan\n\n");
    m.files.set(ACME, written.replace("- [ ] Send plan\n", "- [x] Send plan\n- [x] Send plan\n- [x] Send plan \u2705 2025-10-31\n"));
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(report.warnings).toEqual([]);
    expect(m.files.get(B)).toBe(b("x"));
    expect(m.files.get(ACME)).not.toContain("Send plan");
  });

  it("source links off: a click on the line of a task whose own date is today closes it, the text's other tasks, one of them dated, standing open on the page (B39-C)", async () => {
    // C's `Send plan ✅ 2025-11-01` (its own text ends in today's date) clicked on the page; A's
    // dated task and B's plain one still stand open, so no other task of the text is gone from the
    // page, and the line is C's (README, "Tasks and Dataview"). A's open line is no ticked line: it
    // is not counted among the lines stamped that could be the Tasks plugin's tick of another task.
    const { A, B, a, b, settings, m } = await sendPlanTwice();
    const C = "Notes/2025-10-24.md";
    const c = (box: string) => `[[Acme]] later\n- [${box}] Send plan \u2705 2025-11-01\n`;
    m.files.set(C, c(" "));
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written).toContain("## Open Tasks\n\n- [ ] Send plan \u2705 2025-11-01\n- [ ] Send plan\n- [ ] Send plan \u2705 2025-10-01\n\n");
    m.files.set(ACME, written.replace("- [ ] Send plan \u2705 2025-11-01\n", "- [x] Send plan \u2705 2025-11-01\n"));
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(report.warnings).toEqual([]);
    expect([m.files.get(A), m.files.get(B), m.files.get(C)]).toEqual([a(" "), b(" "), c("x")]);
    expect(m.files.get(ACME)).toContain("## Open Tasks\n\n- [ ] Send plan\n- [ ] Send plan \u2705 2025-10-01\n\n");
  });

  it("source links off: a task ticked by the Tasks plugin on the day another task's own date names is that task, whose line is gone, not the other, still shown", async () => {
    // B35-G: `Send plan` ticked by the Tasks plugin on 2025-10-01 reads `Send plan ✅ 2025-10-01`,
    // the text of another open task, whose own line is still on the page unticked.
    const { A, B, a, b, settings, m, written } = await sendPlanTwice();
    expect(written).toContain("- [ ] Send plan\n");
    m.files.set(ACME, written.replace("- [ ] Send plan\n", "- [x] Send plan \u2705 2025-10-01\n"));
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(report.warnings).toEqual([]);
    expect(m.files.get(B)).toBe(b("x"));
    expect(m.files.get(A)).toBe(a(" "));
    expect(m.files.get(ACME)).toContain("- [ ] Send plan \u2705 2025-10-01\n");
    // A copy of that task's line ticked (the line of `Send plan` still there) is that task.
    m.files.set(B, b(" "));
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    m.files.set(ACME, m.files.get(ACME)!.replace("- [ ] Send plan \u2705 2025-10-01\n", "- [ ] Send plan \u2705 2025-10-01\n- [x] Send plan \u2705 2025-10-01\n"));
    expect(m.files.get(ACME)).toContain("- [ ] Send plan\n");
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(A)).toBe(a("x"));
    expect(m.files.get(B)).toBe(b(" "));
  });

  it("source links off: a Tasks tick that reads as a task still shown open, with a dated task of its text added since, closes neither that task nor one not told apart (B35-J)", async () => {
    // `Send plan` ticked by the Tasks plugin on the day A's own date names, and a third note's
    // `Send plan ✅ 2025-09-15` added before the run: the tick may be `Send plan`'s or the new
    // task's, never A's, whose line stands open. On b2c8905 it closed `Send plan`; ff57817 closed A.
    const { A, B, a, b, settings, m, written } = await sendPlanTwice();
    const C = "Notes/2025-10-24.md";
    const c = (box: string) => `[[Acme]] later\n- [${box}] Send plan \u2705 2025-09-15\n`;
    m.files.set(C, c(" "));
    m.files.set(ACME, written.replace("- [ ] Send plan\n", "- [x] Send plan \u2705 2025-10-01\n"));
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(A)).toBe(a(" "));
    expect(m.files.get(C)).toBe(c(" "));
    expect(report.warnings.map((w) => w.message)).toEqual(["tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan \u2705 2025-10-01"]);
    expect(m.files.get(B)).toBe(b(" "));
    expect(m.files.get(ACME)).toContain("- [ ] Send plan\n");
  });

  it("source links off: a stale line cancelled by the Tasks plugin never takes the one dated task of its text left once another line read as one exactly: its line was deleted, not ticked (B35-J)", async () => {
    // B's `Send plan` cancelled in its note meanwhile, its stale line then cancelled on the page by the
    // Tasks plugin; A's line clicked; C's line deleted from the page. b2c8905 dropped the stale
    // tick (A and C both gone); 5ae8cc8 left C alone as the task it may be and cancelled it.
    const { A, B, a, b, settings, m } = await sendPlanTwice();
    const C = "Notes/2025-10-24.md";
    const c = (box: string) => `[[Acme]] later\n- [${box}] Send plan \u2705 2025-09-15\n`;
    m.files.set(C, c(" "));
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written).toContain("- [ ] Send plan \u2705 2025-09-15\n");
    m.files.set(B, b("-"));
    m.files.set(
      ACME,
      written
        .replace("- [ ] Send plan \u2705 2025-10-01\n", "- [x] Send plan \u2705 2025-10-01\n")
        .replace("- [ ] Send plan\n", "- [-] Send plan \u274C 2025-11-01\n")
        .replace("- [ ] Send plan \u2705 2025-09-15\n", ""),
    );
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(A)).toBe(a("x"));
    expect(m.files.get(C)).toBe(c(" "));
    expect(m.files.get(B)).toBe(b("-"));
    expect(report.warnings.map((w) => w.message)).toEqual(["tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [-] Send plan \u274C 2025-11-01"]);
    expect(m.files.get(ACME)).toContain("- [ ] Send plan \u2705 2025-09-15\n");
  });

  it("source links off: a stale line cancelled by the Tasks plugin never takes the one dated task of its text another line clicked: that line's status is written (B35-K)", async () => {
    // B's `Send plan` cancelled in its note meanwhile, its stale line then cancelled on the page by the
    // Tasks plugin; A's line clicked. 00d5e02 dropped the stale tick; 46351a4 gave it A, the one dated
    // task gone, and A was cancelled, the click reported as a conflict.
    const { A, B, a, b, settings, m, written } = await sendPlanTwice();
    m.files.set(B, b("-"));
    m.files.set(
      ACME,
      written
        .replace("- [ ] Send plan \u2705 2025-10-01\n", "- [x] Send plan \u2705 2025-10-01\n")
        .replace("- [ ] Send plan\n", "- [-] Send plan \u274C 2025-11-01\n"),
    );
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(A)).toBe(a("x"));
    expect(m.files.get(B)).toBe(b("-"));
    expect(report.warnings.map((w) => w.message)).toEqual(["tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [-] Send plan \u274C 2025-11-01"]);
  });

  it("source links off: a Tasks tick that reads as a task whose own date is the tick's day, its line still open, never closes that task: two dated tasks of its text gone, none told apart (B35-K)", async () => {
    // A's and D's lines ticked and cancelled by the Tasks plugin on 2025-11-01; C's own date is that
    // day and its line was left open. 00d5e02 dropped both ticks; 1620f6d closed C.
    const A = "Meetings/2025-10-22 - Plan.md";
    const C = "Notes/2025-10-24.md";
    const D = "Notes/2025-10-25.md";
    const note = (day: string, date: string) => (box: string) => `[[Acme]] ${day}\n- [${box}] Send plan \u2705 ${date}\n`;
    const a = note("plan", "2025-10-01"), c = note("later", "2025-11-01"), d = note("prep", "2025-09-01");
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [A]: a(" "), [C]: c(" "), [D]: d(" "), [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written).toContain("- [ ] Send plan \u2705 2025-11-01\n");
    m.files.set(
      ACME,
      written
        .replace("- [ ] Send plan \u2705 2025-10-01\n", "- [x] Send plan \u2705 2025-11-01\n")
        .replace("- [ ] Send plan \u2705 2025-09-01\n", "- [-] Send plan \u274C 2025-11-01\n"),
    );
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(C)).toBe(c(" "));
    expect(m.files.get(A)).toBe(a(" "));
    expect(m.files.get(D)).toBe(d(" "));
    expect(report.warnings.map((w) => w.message)).toEqual([
      "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [-] Send plan \u274C 2025-11-01",
      "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan \u2705 2025-11-01",
    ]);
    expect(m.files.get(ACME)).toContain("- [ ] Send plan \u2705 2025-11-01\n");
  });

  it("source links off: a stale line ticked by the Tasks plugin never closes a dated task of its text added since: the page cannot tell them apart (B36-A)", async () => {
    // B's `Send plan` cancelled in its note since the page was written, and `Send plan ❌ 2025-05-01`
    // added to it; the stale line then ticked on the page by the Tasks plugin. 6a48b8d took the added
    // task, the one dated task of the text gone from the page, and closed it.
    const B = "Notes/2025-10-23.md";
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [B]: "[[Acme]] prep\n- [ ] Send plan\n", [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written).toContain("- [ ] Send plan\n");
    const b = "[[Acme]] prep\n- [-] Send plan\n- [ ] Send plan \u274C 2025-05-01\n";
    m.files.set(B, b);
    m.files.set(ACME, written.replace("- [ ] Send plan\n", "- [x] Send plan \u2705 2025-11-01\n"));
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(B)).toBe(b);
    expect(report.warnings.map((w) => w.message)).toEqual(["tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan \u2705 2025-11-01"]);
    expect(m.files.get(ACME)).toContain("- [ ] Send plan \u274C 2025-05-01\n");
  });

  it("source links off: a Tasks tick stamped with today's date, reading as a task whose own date is today, its line deleted, closes neither that task nor another of its text (B36-A)", async () => {
    // C's own date is the day of the run and its line was deleted from the page; B's `Send plan` ticked
    // there by the Tasks plugin that day reads as C. 6a48b8d closed C, and B's tick was lost, no warning.
    const B = "Notes/2025-10-23.md";
    const C = "Notes/2025-10-24.md";
    const b = (box: string) => `[[Acme]] prep\n- [${box}] Send plan\n`;
    const c = (box: string) => `[[Acme]] later\n- [${box}] Send plan \u2705 2025-11-01\n`;
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [B]: b(" "), [C]: c(" "), [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written).toContain("- [ ] Send plan \u2705 2025-11-01\n");
    m.files.set(ACME, written.replace("- [ ] Send plan \u2705 2025-11-01\n", "").replace("- [ ] Send plan\n", "- [x] Send plan \u2705 2025-11-01\n"));
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(C)).toBe(c(" "));
    expect(m.files.get(B)).toBe(b(" "));
    expect(report.warnings.map((w) => w.message)).toEqual(["tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan \u2705 2025-11-01"]);
    // A day later the line reads as no Tasks tick of that day: it is C's, clicked.
    m.files.set(ACME, m.files.get(ACME)!.replace("- [ ] Send plan \u2705 2025-11-01\n", "").replace("- [ ] Send plan\n", "- [x] Send plan \u2705 2025-11-01\n"));
    await regenerate(build(m.files, settings), [ACME], m.io, { today: parseIsoDay("2025-11-02")!, write: true });
    expect(m.files.get(C)).toBe(c("x"));
    expect(m.files.get(B)).toBe(b(" "));
  });

  /**
   * S's `Send plan ✅ 2025-10-01` closed in its note since (a stale line); its line then ticked on the
   * page by the Tasks plugin, B's `Send plan` line cancelled by it, both stamped with `date`: neither
   * note is written, and both ticks are dropped, each named by its line.
   */
  const twoStampedStatuses = async (date: string): Promise<void> => {
    const B = "Notes/2025-10-23.md";
    const S = "Notes/2025-10-25.md";
    const b = (box: string) => `[[Acme]] prep\n- [${box}] Send plan\n`;
    const st = (box: string) => `[[Acme]] later\n- [${box}] Send plan \u2705 2025-10-01\n`;
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [B]: b(" "), [S]: st(" "), [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    // The newer note's line first (§7: notes newest first).
    expect(written.indexOf("- [ ] Send plan \u2705 2025-10-01\n")).toBeGreaterThan(0);
    expect(written.indexOf("- [ ] Send plan \u2705 2025-10-01\n")).toBeLessThan(written.indexOf("- [ ] Send plan\n"));
    m.files.set(S, st("x"));
    m.files.set(
      ACME,
      written.replace("- [ ] Send plan \u2705 2025-10-01\n", `- [x] Send plan \u2705 ${date}\n`).replace("- [ ] Send plan\n", `- [-] Send plan \u274C ${date}\n`),
    );
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(S)).toBe(st("x"));
    expect(m.files.get(B)).toBe(b(" "));
    expect(report.warnings.map((w) => w.message)).toEqual([
      `tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan \u2705 ${date}`,
      `tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [-] Send plan \u274C ${date}`,
    ]);
  };

  it("source links off: two lines of one text cut, ticked by the Tasks plugin with two statuses, never give one task the status of the other's line (B36-A)", async () => {
    // Both lines read as B's task once cut, and either may be B's: 6a48b8d wrote the first line's
    // `[x]` on B, B's own `[-]` reported as a conflict.
    await twoStampedStatuses("2025-11-01");
  });

  it("source links off: a line clicked and a Tasks tick of one text, statuses apart, the click's task the cut text's: the stamped line does not take it (B36-A)", async () => {
    // B's `Send plan` clicked on the page; S's `Send plan ✅ 2025-10-01`, closed in its note since,
    // its stale line (first on the page) cancelled by the Tasks plugin. 6a48b8d gave B the stale
    // line's `[-]`, and reported the click as a conflict.
    const B = "Notes/2025-10-23.md";
    const S = "Notes/2025-10-25.md";
    const b = (box: string) => `[[Acme]] prep\n- [${box}] Send plan\n`;
    const st = (box: string) => `[[Acme]] later\n- [${box}] Send plan \u2705 2025-10-01\n`;
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [B]: b(" "), [S]: st(" "), [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written.indexOf("- [ ] Send plan \u2705 2025-10-01\n")).toBeGreaterThan(0);
    expect(written.indexOf("- [ ] Send plan \u2705 2025-10-01\n")).toBeLessThan(written.indexOf("- [ ] Send plan\n"));
    m.files.set(S, st("x"));
    m.files.set(ACME, written.replace("- [ ] Send plan \u2705 2025-10-01\n", "- [-] Send plan \u274C 2025-11-01\n").replace("- [ ] Send plan\n", "- [x] Send plan\n"));
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(B)).toBe(b("x"));
    expect(m.files.get(S)).toBe(st("x"));
    expect(report.warnings.map((w) => w.message)).toEqual(["tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [-] Send plan \u274C 2025-11-01"]);
  });

  it("source links off: a Tasks tick of a task deleted since, stamped with today's date, never takes a task whose own date is today, another line of its text stamped too (B36-A)", async () => {
    // P's `Call Bob [completion:: 2025-06-01]` deleted from its note since, its line ticked by the
    // Tasks plugin (`Call Bob ✅ 2025-11-01`); Q's `Call Bob ✅ 2025-11-01` cancelled by it. The first
    // line reads as Q exactly: 6a48b8d gave Q `[x]`, and dropped Q's own `[-]`.
    const P = "Notes/2025-10-20.md";
    const Q = "Notes/2025-10-21.md";
    const R = "Notes/2025-10-22.md";
    const q = (box: string) => `[[Acme]] q\n- [${box}] Call Bob \u2705 2025-11-01\n`;
    const r = "[[Acme]] r\n- [ ] Call Bob\n";
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [P]: "[[Acme]] p\n- [ ] Call Bob  [completion:: 2025-06-01]\n", [Q]: q(" "), [R]: r, [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written).toContain("- [ ] Call Bob  [completion:: 2025-06-01]\n");
    m.files.set(P, "[[Acme]] p\n");
    m.files.set(
      ACME,
      written
        .replace("- [ ] Call Bob  [completion:: 2025-06-01]\n", "- [x] Call Bob \u2705 2025-11-01\n")
        .replace("- [ ] Call Bob \u2705 2025-11-01\n", "- [-] Call Bob \u274C 2025-11-01\n"),
    );
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(Q)).toBe(q(" "));
    expect(m.files.get(R)).toBe(r);
    expect(report.warnings.map((w) => w.message).sort()).toEqual([
      "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [-] Call Bob \u274C 2025-11-01",
      "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Call Bob \u2705 2025-11-01",
    ]);
  });

  it("source links off: two lines of one text cut, both cancelled by the Tasks plugin, a closed twin of the cut text in the note: each tick dropped is named by its own line (B36-A)", async () => {
    // 6a48b8d handed the first line `Send plan`, which the closed twin's guard refused with a warning
    // naming that line, and cancelled the other line's task with it: `Send plan`'s own line was never
    // named, its task left open.
    const N = "Notes/2025-10-23.md";
    const n = "[[Acme]] prep\n- [ ] send  plan. \u2705 2025-06-01\n- [ ] Send plan\n- [x] Send plan\n";
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [N]: n, [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written).toContain("- [ ] send  plan. \u2705 2025-06-01\n- [ ] Send plan\n");
    m.files.set(
      ACME,
      written.replace("- [ ] send  plan. \u2705 2025-06-01\n", "- [-] send  plan. \u274C 2025-11-01\n").replace("- [ ] Send plan\n", "- [-] Send plan \u274C 2025-11-01\n"),
    );
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(N)).toBe(n);
    expect(report.warnings.map((w) => w.message)).toEqual([
      "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [-] send  plan. \u274C 2025-11-01",
      "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [-] Send plan \u274C 2025-11-01",
    ]);
  });

  it("source links off: a stale line clicked, reading exactly as its task closed in its note since, never takes a dated task of its text whose line was deleted (B36-A)", async () => {
    // S's `Call Bob ✅ 2025-06-01` closed in its note since the page was written, its line then
    // clicked on the page; D's line deleted from it. 6a48b8d took D, the one dated task of the text
    // gone from the page, and closed it.
    const D = "Notes/2025-10-23.md";
    const O = "Notes/2025-10-21.md";
    const S = "Notes/2025-10-25.md";
    const d = "[[Acme]] d\n- [ ] Call Bob \u2705 2025-05-01\n";
    const o = "[[Acme]] o\n- [ ] Call Bob\n";
    const st = (box: string) => `[[Acme]] s\n- [${box}] Call Bob \u2705 2025-06-01\n`;
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [D]: d, [O]: o, [S]: st(" "), [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written).toContain("- [ ] Call Bob \u2705 2025-05-01\n");
    m.files.set(S, st("x"));
    m.files.set(ACME, written.replace("- [ ] Call Bob \u2705 2025-06-01\n", "- [x] Call Bob \u2705 2025-06-01\n").replace("- [ ] Call Bob \u2705 2025-05-01\n", ""));
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(D)).toBe(d);
    expect(m.files.get(O)).toBe(o);
    expect(m.files.get(S)).toBe(st("x"));
    expect(report.warnings.map((w) => w.message)).toEqual(["tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Call Bob \u2705 2025-06-01"]);
  });

  it("source links off: a source that cannot be read when the page's closed tasks are gathered is not read again for the write: the tick stays on the page with the warning (B36-E)", async () => {
    // B36-A's first case, B unreadable (EACCES) at its first read only. 298a38c read the sources once
    // for their closed tasks, went on without B's when that read failed, and read B again for the
    // write: the stale line took the dated task added since and closed it, no warning. Now, as on
    // 6a48b8d (its one read failing), B is left as it is and the warning names it.
    const B = "Notes/2025-10-23.md";
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [B]: "[[Acme]] prep\n- [ ] Send plan\n", [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written).toContain("- [ ] Send plan\n");
    const b = "[[Acme]] prep\n- [-] Send plan\n- [ ] Send plan \u274C 2025-05-01\n";
    m.files.set(B, b);
    m.files.set(ACME, written.replace("- [ ] Send plan\n", "- [x] Send plan \u2705 2025-11-01\n"));
    let reads = 0;
    const io: RegenerateIO = {
      ...m.io,
      read: async (p) => {
        if (p === B && reads++ === 0) throw new Error("EACCES");
        return m.files.get(p) ?? null;
      },
    };
    const report = await regenerate(build(m.files, settings), [ACME], io, { today: TODAY, write: true });
    expect(m.files.get(B)).toBe(b);
    expect(reads).toBe(1);
    expect(report.warnings.map((w) => w.message)).toEqual(["cannot be read (EACCES); 1 task(s) left unticked"]);
  });

  it("source links off: two lines of one text cut, stamped by the Tasks plugin with two statuses the day before the run, are both dropped, as on the day (B37-B)", async () => {
    // B36-A's case of two statuses, the Tasks plugin's dates the day before the run (the CLI run the
    // next morning): neither line is stamped with the run's day, and neither reads as B's task
    // itself, so either may be B's tick and the other S's stale line: both are dropped.
    await twoStampedStatuses("2025-10-31");
  });

  it("source links off: a stale line cancelled by the Tasks plugin, its task closed [x] in its note since, says where and how the task is closed (B37-B)", async () => {
    // N's `Send plan` shown on the page, then closed [x] in its note; N also holds `Send plan ✅
    // 2025-05-01` cancelled long ago. The page's stale line cancelled: no task of its text is open,
    // the line reads as the closed `Send plan`, and the warning names it, as for a line clicked.
    const N = "Notes/2025-10-23.md";
    const n = (box: string) => `[[Acme]] prep\n- [${box}] Send plan\n- [-] Send plan \u2705 2025-05-01\n`;
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [N]: n(" "), [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written).toContain("## Open Tasks\n\n- [ ] Send plan\n\n");
    m.files.set(N, n("x"));
    m.files.set(ACME, written.replace("- [ ] Send plan\n", "- [-] Send plan \u274C 2025-11-01\n"));
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(N)).toBe(n("x"));
    expect(report.warnings.map((w) => w.message)).toEqual([
      `[-] not written back: the task is already closed [x] in ${N} (ticked on another page, or in the note; change it there if [-] was meant): - [-] Send plan \u274C 2025-11-01`,
    ]);
  });

  it("source links off: a Tasks tick made on the day a task of its text was closed by the Tasks plugin in its note closes the task of its text still open (B37-B)", async () => {
    // `Call Bob` in N and in M, one page line (§6). M's closed in its note with the Tasks plugin today
    // (`✅ 2025-11-01`), and the page's line ticked with it the same day: the line reads exactly as
    // M's closed task, but it is stamped today, so it is the Tasks tick of the line, and N's task,
    // still open, is closed.
    const N = "Notes/2025-10-23.md";
    const M = "Notes/2025-10-24.md";
    const n = (box: string) => `[[Acme]] prep\n- [${box}] Call Bob\n`;
    const mm = "[[Acme]] later\n- [x] Call Bob \u2705 2025-11-01\n";
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [N]: n(" "), [M]: "[[Acme]] later\n- [ ] Call Bob\n", [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written).toContain("## Open Tasks\n\n- [ ] Call Bob\n\n");
    m.files.set(M, mm);
    m.files.set(ACME, written.replace("- [ ] Call Bob\n", "- [x] Call Bob \u2705 2025-11-01\n"));
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(report.warnings).toEqual([]);
    expect(m.files.get(N)).toBe(n("x"));
    expect(m.files.get(M)).toBe(mm);
  });

  /** Source links off: the page written from `notes`, then `edit` made to it (and `after` to the notes): the second round's report. */
  async function twoRounds(notes: Record<string, string>, edit: (written: string) => string, after: Record<string, string> = {}) {
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ ...notes, [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    for (const [p, t] of Object.entries(after)) m.files.set(p, t);
    const edited = edit(written);
    expect(edited).not.toBe(written);
    m.files.set(ACME, edited);
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    return { files: m.files, warnings: report.warnings.map((w) => w.message) };
  }

  it("source links off: the plain task's line cancelled and the line of the task of its text whose own date is today clicked: each is its task (B37-B)", async () => {
    // Neither line is a Tasks tick of the other's task: the plain line's text is its own, nothing cut,
    // and the dated line reads as the dated task, its line clicked.
    const N = "Notes/2025-10-23.md";
    const n = (a: string, d: string) => `[[Acme]] prep\n- [${a}] Send plan\n- [${d}] Send plan \u2705 2025-11-01\n`;
    const r = await twoRounds({ [N]: n(" ", " ") }, (w) => w.replace("- [ ] Send plan\n- [ ] Send plan \u2705 2025-11-01\n", "- [-] Send plan\n- [x] Send plan \u2705 2025-11-01\n"));
    expect(r.files.get(N)).toBe(n("-", "x"));
    expect(r.warnings).toEqual([]);
  });

  it("source links off: a line reading as a task whose own date is today, ticked that day, while another dated task of its text is gone from the page unread: dropped (B37-B)", async () => {
    // D1's own date is the day of the run, its line deleted; D2's line ticked by the Tasks plugin that
    // day reads as D1. Either task's tick it may be: neither is closed.
    const N = "Notes/2025-10-23.md";
    const n = "[[Acme]] prep\n- [ ] Send plan \u2705 2025-11-01\n- [ ] Send plan \u2705 2025-05-01\n";
    const r = await twoRounds({ [N]: n }, (w) => w.replace("- [ ] Send plan \u2705 2025-11-01\n", "").replace("- [ ] Send plan \u2705 2025-05-01\n", "- [x] Send plan \u2705 2025-11-01\n"));
    expect(r.files.get(N)).toBe(n);
    expect(r.warnings).toEqual(["tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan \u2705 2025-11-01"]);
  });

  it("source links off: a line copied, one copy clicked and the other ticked by the Tasks plugin, is one task ticked twice, no warning (B37-B)", async () => {
    const N = "Notes/2025-10-23.md";
    const n = (a: string) => `[[Acme]] prep\n- [${a}] Send plan\n`;
    const r = await twoRounds({ [N]: n(" ") }, (w) => w.replace("- [ ] Send plan\n", "- [x] Send plan\n- [x] Send plan \u2705 2025-11-01\n"));
    expect(r.files.get(N)).toBe(n("x"));
    expect(r.warnings).toEqual([]);
  });

  it("source links off: a line copied, both copies ticked by the Tasks plugin, is one task ticked twice, no warning (B37-B)", async () => {
    const N = "Notes/2025-10-23.md";
    const n = (a: string) => `[[Acme]] prep\n- [${a}] Send plan\n`;
    const r = await twoRounds({ [N]: n(" ") }, (w) => w.replace("- [ ] Send plan\n", "- [x] Send plan \u2705 2025-11-01\n- [x] Send plan \u2705 2025-11-01\n"));
    expect(r.files.get(N)).toBe(n("x"));
    expect(r.warnings).toEqual([]);
  });

  it("source links off: the plain task's line cancelled by the Tasks plugin and the line of the task whose own date is today clicked: neither told apart, both dropped (B37-B)", async () => {
    // The `✅ 2025-11-01` line may be the plain task's Tasks tick as much as the dated task's click, and
    // the cancelled line the dated task's Tasks cancel as much as the plain task's.
    const N = "Notes/2025-10-23.md";
    const n = "[[Acme]] prep\n- [ ] Send plan\n- [ ] Send plan \u2705 2025-11-01\n";
    const r = await twoRounds({ [N]: n }, (w) => w.replace("- [ ] Send plan\n- [ ] Send plan \u2705 2025-11-01\n", "- [-] Send plan \u274C 2025-11-01\n- [x] Send plan \u2705 2025-11-01\n"));
    expect(r.files.get(N)).toBe(n);
    expect(r.warnings).toEqual([
      "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [-] Send plan \u274C 2025-11-01",
      "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan \u2705 2025-11-01",
    ]);
  });

  it("source links off: a Tasks tick of a task whose text is also closed in an older note (a recurring task) closes the open one (B37-B)", async () => {
    const N = "Notes/2025-10-23.md";
    const M = "Notes/2025-10-20.md";
    const n = (a: string) => `[[Acme]] prep\n- [${a}] Call Bob\n`;
    const mm = "[[Acme]] old\n- [x] Call Bob\n";
    const r = await twoRounds({ [N]: n(" "), [M]: mm }, (w) => w.replace("- [ ] Call Bob\n", "- [x] Call Bob \u2705 2025-11-01\n"));
    expect(r.files.get(N)).toBe(n("x"));
    expect(r.files.get(M)).toBe(mm);
    expect(r.warnings).toEqual([]);
  });

  it("source links off: a stale line clicked, reading exactly as its task closed since, is that task's line: another line's Tasks tick still closes the task of its text (B37-B)", async () => {
    // X's `Call Bob ✅ 2025-06-01` cancelled in its note since the page was written, its line then
    // clicked on the page (dropped, as B36-A); N's `Call Bob` ticked by the Tasks plugin: N's task.
    const N = "Notes/2025-10-23.md";
    const X = "Notes/2025-10-24.md";
    const n = (a: string) => `[[Acme]] prep\n- [${a}] Call Bob\n`;
    const x = (a: string) => `[[Acme]] x\n- [${a}] Call Bob \u2705 2025-06-01\n`;
    const r = await twoRounds(
      { [N]: n(" "), [X]: x(" ") },
      (w) => w.replace("- [ ] Call Bob \u2705 2025-06-01\n", "- [x] Call Bob \u2705 2025-06-01\n").replace("- [ ] Call Bob\n", "- [x] Call Bob \u2705 2025-11-01\n"),
      { [X]: x("-") },
    );
    expect(r.files.get(N)).toBe(n("x"));
    expect(r.files.get(X)).toBe(x("-"));
    expect(r.warnings).toEqual(["tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Call Bob \u2705 2025-06-01"]);
  });

  it("source links off: a Tasks tick of a task deleted since, stamped with today's date, never takes a task whose own date is today, another line of its text stamped the day before (B37-B)", async () => {
    // B36-A's case with the other line cancelled by the Tasks plugin the day before the run: it may
    // still be Q's Tasks tick (Q's date replaced), and the line stamped today another task's.
    const P = "Notes/2025-10-20.md";
    const Q = "Notes/2025-10-21.md";
    const R = "Notes/2025-10-22.md";
    const q = "[[Acme]] q\n- [ ] Call Bob \u2705 2025-11-01\n";
    const rr = "[[Acme]] r\n- [ ] Call Bob\n";
    const r = await twoRounds(
      { [P]: "[[Acme]] p\n- [ ] Call Bob  [completion:: 2025-06-01]\n", [Q]: q, [R]: rr },
      (w) => w.replace("- [ ] Call Bob  [completion:: 2025-06-01]\n", "- [x] Call Bob \u2705 2025-11-01\n").replace("- [ ] Call Bob \u2705 2025-11-01\n", "- [-] Call Bob \u274C 2025-10-31\n"),
      { [P]: "[[Acme]] p\n" },
    );
    expect(r.files.get(Q)).toBe(q);
    expect(r.files.get(R)).toBe(rr);
    expect([...r.warnings].sort()).toEqual([
      "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [-] Call Bob \u274C 2025-10-31",
      "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Call Bob \u2705 2025-11-01",
    ]);
  });

  it("source links off: a stale plain line clicked and a Tasks tick of its text, its dated tasks gone from the page, one line deleted: neither closes a dated task (B37-B)", async () => {
    // `Send plan` deleted from N since; D1's line ticked by the Tasks plugin, D2's line deleted by the
    // user. The plain line is no dated task's, and the stamped one is not told apart: both dropped.
    const N = "Notes/2025-10-23.md";
    const dated = "- [ ] Send plan \u2705 2025-05-01\n- [ ] Send plan \u2705 2025-05-02\n";
    const r = await twoRounds(
      { [N]: `[[Acme]] prep\n- [ ] Send plan\n${dated}` },
      (w) => w.replace(`- [ ] Send plan\n${dated}`, "- [x] Send plan\n- [x] Send plan \u2705 2025-11-01\n"),
      { [N]: `[[Acme]] prep\n${dated}` },
    );
    expect(r.files.get(N)).toBe(`[[Acme]] prep\n${dated}`);
    expect(r.warnings).toEqual(["tick dropped, no open task matches it: - [x] Send plan", "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan \u2705 2025-11-01"]);
  });

  it("source links off: a line clicked reading as a task whose own date is today, while a stale line of its text stamped the day before reads as a task still shown open: neither told apart, both dropped (B37-B)", async () => {
    // `Send plan` deleted from N since the page was written, its stale line ticked by the Tasks plugin
    // the day before (`✅ 2025-10-31`, which E's own text ends in, E's line still open); D's line
    // clicked today (its own date today). The older line may be D's Tasks tick, the other the stale
    // line's: neither task is closed.
    const N = "Notes/2025-10-23.md";
    const dated = "- [ ] Send plan \u2705 2025-11-01\n- [ ] Send plan \u2705 2025-10-31\n";
    const r = await twoRounds(
      { [N]: `[[Acme]] prep\n- [ ] Send plan\n${dated}` },
      (w) => w.replace("- [ ] Send plan\n- [ ] Send plan \u2705 2025-11-01\n", "- [x] Send plan \u2705 2025-10-31\n- [x] Send plan \u2705 2025-11-01\n"),
      { [N]: `[[Acme]] prep\n${dated}` },
    );
    expect(r.files.get(N)).toBe(`[[Acme]] prep\n${dated}`);
    expect(r.warnings).toEqual([
      "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan \u2705 2025-10-31",
      "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan \u2705 2025-11-01",
    ]);
  });

  it("source links off: two tasks of one text, with and without a Tasks date, both ticked by the Tasks plugin, a stale line of the text left open on the page: both closed (B37-B)", async () => {
    // B35-H's two lines that read alike, one each; Z's task of the text, cancelled in its note since
    // the page was written, still shows its open line, so neither ticked line is it.
    const N = "Notes/2025-10-23.md";
    const Z = "Notes/2025-10-24.md";
    const n = (a: string, d: string) => `[[Acme]] prep\n- [${a}] Send plan\n- [${d}] Send plan \u2705 2025-05-01\n`;
    const z = (a: string) => `[[Acme]] z\n- [${a}] Send plan \u2705 2025-06-01\n`;
    const r = await twoRounds(
      { [N]: n(" ", " "), [Z]: z(" ") },
      (w) => w.replace("- [ ] Send plan\n- [ ] Send plan \u2705 2025-05-01\n", "- [x] Send plan \u2705 2025-11-01\n- [x] Send plan \u2705 2025-11-01\n"),
      { [Z]: z("-") },
    );
    expect(r.files.get(N)).toBe(n("x", "x"));
    expect(r.files.get(Z)).toBe(z("-"));
    expect(r.warnings).toEqual([]);
  });

  it.each([
    ["Send plan", "[x] Send plan \u2705 2025-10-01"],
    ["Send plan", "[x] Send plan  [completion:: 2025-10-01]"],
    ["Send plan", "[X] Send plan \u2705 2025-10-01"],
    ["Send plan", "[-] Send plan \u274C 2025-10-01"],
    // A date that is not its status's: the task's own, kept when it was closed by hand.
    ["Send plan \u2705 2025-06-01", "[-] Send plan \u2705 2025-06-01"],
  ])("source links off: a task closed in its note since (`%s` now `%s`), its stale line still open on the page, is no line ticked: a Tasks tick of its text closes the dated task it is (B37-B)", async (was, closed) => {
    // S's line still stands open, as the task read while it was open: the line D's Tasks tick made is
    // not it, and D, the one dated task of the text gone from the page, is closed.
    const D = "Notes/2025-10-23.md";
    const S = "Notes/2025-10-25.md";
    const d = (a: string) => `[[Acme]] prep\n- [${a}] Send plan \u2705 2025-05-01\n`;
    const st = `[[Acme]] later\n- ${closed}\n`;
    const r = await twoRounds(
      { [D]: d(" "), [S]: `[[Acme]] later\n- [ ] ${was}\n` },
      (w) => {
        expect(w).toContain(`- [ ] ${was}\n`);
        return w.replace("- [ ] Send plan \u2705 2025-05-01\n", "- [x] Send plan \u2705 2025-11-01\n");
      },
      { [S]: st },
    );
    expect(r.files.get(D)).toBe(d("x"));
    expect(r.files.get(S)).toBe(st);
    expect(r.warnings).toEqual([]);
  });

  it("source links off: a line reading as a task whose own text ends in a Tasks date, copied and ticked with two statuses, is one task ticked twice: the first status written, the other said (B37-B)", async () => {
    // Neither line is cut to another task: each reads as B's task exactly, its own date not the run's
    // day. As for a plain line copied (README: one task, two statuses, the first line read wins).
    const B = "Notes/2025-10-23.md";
    const b = (box: string) => `[[Acme]] prep\n- [${box}] Send plan \u2705 2025-05-01\n`;
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [B]: b(" "), [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written).toContain("- [ ] Send plan \u2705 2025-05-01\n");
    m.files.set(ACME, written.replace("- [ ] Send plan \u2705 2025-05-01\n", "- [x] Send plan \u2705 2025-05-01\n- [-] Send plan \u2705 2025-05-01\n"));
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(B)).toBe(b("x"));
    expect(report.warnings.map((w) => w.message)).toEqual([
      `[-] not written back: this page also ticks the same task [x], which was written to ${B} (the page read first wins; change it there if [-] was meant): - [-] Send plan \u2705 2025-05-01`,
    ]);
  });

  it("source links off: a line copied, two copies clicked with two statuses and a third cancelled by the Tasks plugin: the stamped line is not told apart, the clicks are one task ticked twice (B37-B)", async () => {
    // The clicked lines read as the task with two statuses: the stamped line may go with either, and is
    // dropped (B36-A), whatever the last click's status.
    const N = "Notes/2025-10-23.md";
    const n = (a: string) => `[[Acme]] prep\n- [${a}] Send plan\n`;
    const r = await twoRounds({ [N]: n(" ") }, (w) => w.replace("- [ ] Send plan\n", "- [x] Send plan\n- [-] Send plan\n- [-] Send plan \u274C 2025-11-01\n"));
    expect(r.files.get(N)).toBe(n("x"));
    expect(r.warnings).toEqual([
      "tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [-] Send plan \u274C 2025-11-01",
      `[-] not written back: this page also ticks the same task [x], which was written to ${N} (the page read first wins; change it there if [-] was meant): - [-] Send plan`,
    ]);
  });

  it("source links off: a plain line copied and ticked with two statuses is one task ticked twice, a Tasks tick of another task on the page or not (B37-B)", async () => {
    // The Tasks tick of `Book demo` makes findTicks weigh the page's cut lines; the two plain lines are
    // none of them, and stay one task with two statuses (README): the first written, the other said.
    const B = "Notes/2025-10-23.md";
    const b = (send: string, book: string) => `[[Acme]] prep\n- [${send}] Send plan\n- [${book}] Book demo\n`;
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [B]: b(" ", " "), [ACME]: page([]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written).toContain("- [ ] Send plan\n- [ ] Book demo\n");
    m.files.set(ACME, written.replace("- [ ] Send plan\n- [ ] Book demo\n", "- [x] Send plan\n- [-] Send plan\n- [x] Book demo \u2705 2025-11-01\n"));
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(B)).toBe(b("x", "x"));
    expect(report.warnings.map((w) => w.message)).toEqual([
      `[-] not written back: this page also ticks the same task [x], which was written to ${B} (the page read first wins; change it there if [-] was meant): - [-] Send plan`,
    ]);
  });

  it("source links off: a source that cannot be read when the first page's closed tasks are gathered is not read again for another page's (B37-B)", async () => {
    // B36-E: the round takes such a note as unread, without reading it again: for the write, and for
    // the next page that shares it.
    const B = "Notes/2025-10-23.md";
    const BETA = "Customers/Beta.md";
    const b = "[[Acme]] and [[Beta]] prep\n- [ ] Send plan\n";
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const tick = "- [x] Send plan \u2705 2025-11-01";
    const m = memory({ [B]: b, [ACME]: page([tick]), [BETA]: `# Beta\n\n## Open Tasks\n\n${tick}\n` });
    let reads = 0;
    const io: RegenerateIO = {
      ...m.io,
      read: async (p) => {
        if (p === B) {
          reads++;
          throw new Error("EACCES");
        }
        return m.files.get(p) ?? null;
      },
    };
    const report = await regenerate(build(m.files, settings), [ACME, BETA], io, { today: TODAY, write: true });
    expect(reads).toBe(1);
    expect(m.files.get(B)).toBe(b);
    expect(report.warnings).toEqual([{ file: B, message: "cannot be read (EACCES); 1 task(s) left unticked" }]);
    // Kept ticked on each page, on its task's own line, for the next run.
    for (const p of [ACME, BETA]) expect(m.files.get(p)).toContain("## Open Tasks\n\n- [x] Send plan\n");
  });

  it("two tasks that differ only by a backslash escape are two lines, and a tick on one ticks only it", async () => {
    const NOTE = "Meetings/2025-10-22 - Tags.md";
    const src = (a: string, b: string) => `[[Acme]] tags\n- [${a}] Fix \\#tag now\n- [${b}] Fix #tag now\n`;
    const m = memory({ [NOTE]: src(" ", " "), [ACME]: page([]) });
    await regenerate(build(m.files), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    // `\#tag` is text, `#tag` a tag: Obsidian shows them differently, and the page keeps both.
    expect(written).toContain("- [ ] Fix \\#tag now ([[2025-10-22 - Tags]])\n- [ ] Fix #tag now ([[2025-10-22 - Tags]])");
    m.files.set(ACME, written.replace("- [ ] Fix \\#tag now", "- [x] Fix \\#tag now"));
    const report = await regenerate(build(m.files), [ACME], m.io, { today: TODAY, write: true });
    expect(report.warnings).toEqual([]);
    expect(m.files.get(NOTE)).toBe(src("x", " "));
  });

  it("a task whose page line carries the guard's backslashes (a $$ escaped) is ticked", async () => {
    const NOTE = "Meetings/2025-10-22 - Price.md";
    const src = (a: string) => `[[Acme]] pricing\n- [${a}] Confirm the $$5k budget\n`;
    const m = memory({ [NOTE]: src(" "), [ACME]: page([]) });
    await regenerate(build(m.files), [ACME], m.io, { today: TODAY, write: true });
    const written = m.files.get(ACME)!;
    expect(written).toContain("- [ ] Confirm the \\$$5k budget ([[2025-10-22 - Price]])");
    m.files.set(ACME, written.replace("- [ ] Confirm", "- [x] Confirm"));
    const report = await regenerate(build(m.files), [ACME], m.io, { today: TODAY, write: true });
    expect(report.warnings).toEqual([]);
    expect(m.files.get(NOTE)).toBe(src("x"));
  });

  it("a tick goes to the named source and to the same open task in C's other §6 sources", async () => {
    const m = memory({
      ...SOURCES,
      "Notes/2025-10-20.md": "[[Acme]] prep\n- [ ] send  plan.\n- [ ] Other thing\n",
      [ACME]: page(["- [x] Send plan ([[2025-10-22 - Kickoff]])", "- [ ] Other ([[2025-10-22 - Kickoff]])"]),
    });
    const index = build(m.files);
    const report = await regenerate(index, [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(KICKOFF)).toBe("[[Acme]] kickoff\n- [x] Send plan\n- [ ] Other\n");
    expect(m.files.get("Notes/2025-10-20.md")).toBe("[[Acme]] prep\n- [x] send  plan.\n- [ ] Other thing\n");
    // A via note that is direct for another customer is not one of C's §6 sources.
    expect(m.files.get("Notes/2025-10-21.md")).toBe(SOURCES["Notes/2025-10-21.md"]);
    // The page no longer lists the task.
    const text = m.files.get(ACME)!;
    expect(text).toContain("## Open Tasks\n\n- [ ] Other ([[2025-10-22 - Kickoff]])\n- [ ] Other thing ([[2025-10-20]])\n\n");
    expect(text).not.toContain("Send plan");
    expect(report.pages).toEqual([{ path: ACME, changed: true, written: true }]);
    expect(report.sources.map((s) => [s.path, s.ticks, s.written])).toEqual([
      [KICKOFF, 1, true],
      ["Notes/2025-10-20.md", 1, true],
    ]);
  });

  it("every open task with that text in C's §6 sources is ticked, also two in the same note", async () => {
    const m = memory({
      ...SOURCES,
      [ACME]: page(["- [x] Send plan ([[2025-10-22 - Kickoff]])", "- [ ] Other ([[2025-10-22 - Kickoff]])"]),
    });
    await regenerate(build(m.files), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(KICKOFF)).toBe("[[Acme]] kickoff\n- [x] Send plan\n- [ ] Other\n");
    // Both copies in this note were folded into the page's one line by de-duplication (§6).
    expect(m.files.get("Notes/2025-10-20.md")).toBe("[[Acme]] prep\n- [x] send  plan.\n- [x] Send plan\n");
    expect(m.files.get(ACME)).not.toContain("Send plan");
  });

  it("the status character is kept as the user typed it", async () => {
    const m = memory({ ...SOURCES, [ACME]: page(["- [-] Other ([[2025-10-22 - Kickoff]])"]) });
    await regenerate(build(m.files), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(KICKOFF)).toBe("[[Acme]] kickoff\n- [ ] Send plan\n- [-] Other\n");
  });

  it("a tick with no open task left is dropped with a warning", async () => {
    const m = memory({ ...SOURCES, [ACME]: page(["- [x] Nothing like it ([[2025-10-22 - Kickoff]])"]) });
    const report = await regenerate(build(m.files), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(KICKOFF)).toBe(SOURCES[KICKOFF]);
    expect(report.warnings.some((w) => w.file === ACME && w.message.includes("Nothing like it"))).toBe(true);
  });

  it("source links off: a tick on a task closed with another status in a source after one holding no closed task: the warning still says which, and where (B37-B)", async () => {
    // The newer note, first of the page's sources (§4), holds no closed task; the older one holds
    // the task closed [x]. The page's stale line cancelled: nothing to write, and the warning names
    // the note and its status, as with one source.
    const NEW = "Notes/2025-10-24.md";
    const OLD = "Notes/2025-10-23.md";
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ [NEW]: "[[Acme]] later\n- [ ] Other\n", [OLD]: "[[Acme]] prep\n- [x] Send plan\n", [ACME]: page(["- [-] Send plan", "- [ ] Other"]) });
    const report = await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(OLD)).toBe("[[Acme]] prep\n- [x] Send plan\n");
    expect(m.files.get(NEW)).toBe("[[Acme]] later\n- [ ] Other\n");
    expect(report.warnings).toEqual([
      {
        file: ACME,
        message: `[-] not written back: the task is already closed [x] in ${OLD} (ticked on another page, or in the note; change it there if [-] was meant): - [-] Send plan`,
      },
    ]);
  });

  it("a tick on a task closed meanwhile with another status: the warning says which, and where", async () => {
    const closed = "[[Acme]] kickoff\n- [-] Send plan\n- [ ] Other\n";
    const m = memory({ ...SOURCES, [KICKOFF]: closed, [ACME]: page(["- [x] Send plan ([[2025-10-22 - Kickoff]])"]) });
    const report = await regenerate(build(m.files), [ACME], m.io, { today: TODAY, write: true });
    // §8: the first open task in the note the line names gets the status; closed there since the
    // page was written, the tick is dropped with the warning, and the other sources' open `Send plan`
    // tasks stay open — they are not the task the line names (B37-E; they took the tick before).
    expect(m.files.get(KICKOFF)).toBe(closed);
    expect(m.files.get("Notes/2025-10-20.md")).toBe(SOURCES["Notes/2025-10-20.md"]);
    expect(report.sources).toEqual([]);
    expect(report.warnings).toEqual([
      {
        file: ACME,
        message:
          `[x] not written back: the task is already closed [-] in ${KICKOFF} ` +
          "(ticked on another page, or in the note; change it there if [x] was meant): - [x] Send plan ([[2025-10-22 - Kickoff]])",
      },
    ]);
    const only = memory({ [KICKOFF]: closed, [ACME]: page(["- [x] Send plan ([[2025-10-22 - Kickoff]])"]) });
    const dropped = await regenerate(build(only.files), [ACME], only.io, { today: TODAY, write: true });
    expect(only.files.get(KICKOFF)).toBe(closed);
    expect(dropped.warnings).toEqual([
      {
        file: ACME,
        message:
          `[x] not written back: the task is already closed [-] in ${KICKOFF} ` +
          "(ticked on another page, or in the note; change it there if [x] was meant): - [x] Send plan ([[2025-10-22 - Kickoff]])",
      },
    ]);
    // Closed with the status the page gives it (ticked on another page first): dropped, and the
    // warning says the task is closed already, and where — not that nothing matches it.
    const same = memory({ [KICKOFF]: closed, [ACME]: page(["- [-] Send plan ([[2025-10-22 - Kickoff]])"]) });
    const quiet = await regenerate(build(same.files), [ACME], same.io, { today: TODAY, write: true });
    expect(same.files.get(KICKOFF)).toBe(closed);
    expect(quiet.warnings).toEqual([
      { file: ACME, message: `tick dropped, the task is already closed [-] in ${KICKOFF} (ticked on another page, or in the note): - [-] Send plan ([[2025-10-22 - Kickoff]])` },
    ]);
  });

  it("a tick on a task its own note closed with the same status is not blamed on an older note that closed the same text otherwise", async () => {
    // Follow-ups recur: an older meeting cancelled its "Send plan" [-]; the user ticked today's [x]
    // both in the note and on the page. The note the line names holds it [x]: nothing in the older
    // note is to be changed, and the warning must not send the user there.
    const OLDER = "Notes/2025-10-20.md";
    const m = memory({
      [KICKOFF]: "[[Acme]] kickoff\n- [x] Send plan\n",
      [OLDER]: "[[Acme]] prep\n- [-] Send plan\n",
      [ACME]: page(["- [x] Send plan ([[2025-10-22 - Kickoff]])"]),
    });
    const report = await regenerate(build(m.files), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(KICKOFF)).toBe("[[Acme]] kickoff\n- [x] Send plan\n");
    expect(m.files.get(OLDER)).toBe("[[Acme]] prep\n- [-] Send plan\n");
    expect(report.warnings).toEqual([
      { file: ACME, message: `tick dropped, the task is already closed [x] in ${KICKOFF} (ticked on another page, or in the note): - [x] Send plan ([[2025-10-22 - Kickoff]])` },
    ]);
    // Closed otherwise in the note the line names: that note is named, not the older one.
    const other = memory({
      [KICKOFF]: "[[Acme]] kickoff\n- [/] Send plan\n",
      [OLDER]: "[[Acme]] prep\n- [-] Send plan\n",
      [ACME]: page(["- [x] Send plan ([[2025-10-22 - Kickoff]])"]),
    });
    const again = await regenerate(build(other.files), [ACME], other.io, { today: TODAY, write: true });
    expect(again.warnings.map((w) => w.message)).toEqual([
      `[x] not written back: the task is already closed [/] in ${KICKOFF} ` +
        "(ticked on another page, or in the note; change it there if [x] was meant): - [x] Send plan ([[2025-10-22 - Kickoff]])",
    ]);
  });

  it("with source links off, the tick goes to C's related notes in §6 order", async () => {
    const settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const m = memory({ ...SOURCES, [ACME]: page(["- [x] Other"]) });
    await regenerate(build(m.files, settings), [ACME], m.io, { today: TODAY, write: true });
    expect(m.files.get(KICKOFF)).toBe("[[Acme]] kickoff\n- [ ] Send plan\n- [x] Other\n");
  });

  it("a dry run writes nothing", async () => {
    const m = memory({ ...SOURCES, [ACME]: page(["- [x] Send plan ([[2025-10-22 - Kickoff]])"]) });
    const report = await regenerate(build(m.files), [ACME], m.io, { today: TODAY, write: false });
    expect(m.writes).toEqual([]);
    expect(report.pages).toEqual([{ path: ACME, changed: true, written: false }]);
  });
});

describe("regenerate: pages (§7)", () => {
  it("a second run changes nothing and writes nothing", async () => {
    const m = memory({ ...SOURCES, [ACME]: "# Acme\n\nMine.\n" });
    const index = build(m.files);
    await regenerate(index, [ACME], m.io, { today: TODAY, write: true });
    const first = m.files.get(ACME)!;
    expect(m.writes).toEqual([ACME]);
    const report = await regenerate(index, [ACME], m.io, { today: TODAY, write: true });
    expect(m.writes).toEqual([ACME]);
    expect(m.files.get(ACME)).toBe(first);
    expect(report.pages).toEqual([{ path: ACME, changed: false, written: false }]);
    // And a fresh index over the written vault agrees.
    const again = await regenerate(build(m.files), [ACME], m.io, { today: TODAY, write: true });
    expect(again.pages).toEqual([{ path: ACME, changed: false, written: false }]);
  });
});

describe("regenerate: safe writes (issue 5)", () => {
  it("a page that changed since it was read is recomputed from its new text, not overwritten", async () => {
    const m = memory({ ...SOURCES, [ACME]: page([]) });
    const index = build(m.files);
    let reads = 0;
    const io: RegenerateIO = {
      read: async (p) => {
        const t = await m.io.read(p);
        if (p === ACME && reads++ === 0) {
          // The user saves the page right after the tool read it.
          m.files.set(ACME, page([]) + "\n## Mine\n\nWritten meanwhile.\n");
        }
        return t;
      },
      write: m.io.write,
    };
    const report = await regenerate(index, [ACME], io, { today: TODAY, write: true });
    expect(report.pages).toEqual([{ path: ACME, changed: true, written: true }]);
    expect(m.files.get(ACME)).toContain("## Mine\n\nWritten meanwhile.\n");
    expect(m.files.get(ACME)).toContain("- [ ] Send plan ([[2025-10-22 - Kickoff]])");
  });

  it("a page that keeps changing is left as it is, with a warning", async () => {
    const m = memory({ ...SOURCES, [ACME]: page([]) });
    let n = 0;
    const io: RegenerateIO = {
      read: async (p) => m.io.read(p),
      write: async (p, expected, next) => {
        if (p === ACME) m.files.set(ACME, page([]) + `\nEdit ${n++}\n`);
        return m.io.write(p, expected, next);
      },
    };
    const report = await regenerate(build(m.files), [ACME], io, { today: TODAY, write: true });
    expect(report.pages).toEqual([{ path: ACME, changed: true, written: false }]);
    expect(report.warnings.map((w) => w.message)).toContain("kept changing while it was regenerated; left as it is");
    expect(m.files.get(ACME)).toBe(page([]) + `\nEdit ${n - 1}\n`);
  });

  it("a source that changed between reading and writing keeps its change; the tick stays ticked on the page, with a warning", async () => {
    const m = memory({ ...SOURCES, [ACME]: page(["- [x] Other ([[2025-10-22 - Kickoff]])"]) });
    const io: RegenerateIO = {
      read: m.io.read,
      write: async (p, expected, next) => {
        if (p === KICKOFF) m.files.set(KICKOFF, "[[Acme]] kickoff\n- [ ] Send plan\n- [ ] Other\n- [ ] Added by the user\n");
        return m.io.write(p, expected, next);
      },
    };
    const report = await regenerate(build(m.files), [ACME], io, { today: TODAY, write: true });
    expect(m.files.get(KICKOFF)).toBe("[[Acme]] kickoff\n- [ ] Send plan\n- [ ] Other\n- [ ] Added by the user\n");
    expect(report.warnings).toContainEqual({ file: KICKOFF, message: "changed while ticks were applied; 1 task(s) left unticked" });
    // The page shows the source as it is, and the user's tick where they left it: the next run tries it again.
    expect(m.files.get(ACME)).toContain("- [ ] Added by the user ([[2025-10-22 - Kickoff]])");
    expect(m.files.get(ACME)).toContain("- [x] Other ([[2025-10-22 - Kickoff]])");
    expect(m.files.get(ACME)).toContain("- [ ] Send plan ([[2025-10-22 - Kickoff]])");
    const again = await regenerate(build(m.files), [ACME], m.io, { today: TODAY, write: true });
    expect(again.warnings).toEqual([]);
    expect(m.files.get(KICKOFF)).toBe("[[Acme]] kickoff\n- [ ] Send plan\n- [x] Other\n- [ ] Added by the user\n");
  });
});
