// A tick on a task its note holds on two (or more) identical lines, one of them closed already: the
// tick may be the one that closed it, met again on a page not regenerated since (another page's
// round came first, or the page could not be written), so it is not written, with a warning naming
// the note, on the page (B29-A).
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { regenerate, type RegenerateIO } from "../../src/core/regenerate";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";
import { closedLines } from "../../src/core/writeback";

const TODAY = parseIsoDay("2025-11-01")!;
const ACME = "Customers/Acme.md";
const BETA = "Customers/Beta.md";
const JOINT = "Meetings/2025-10-22 - Joint.md";
const TASK = "Send the contract ([[2025-10-22 - Joint]])";

function memory(files: Record<string, string>): { files: Map<string, string>; io: RegenerateIO } {
  const map = new Map(Object.entries(files));
  return {
    files: map,
    io: {
      read: async (p) => map.get(p) ?? null,
      write: async (p, expected, next) => {
        if (map.get(p) !== expected) return false;
        map.set(p, next);
        return true;
      },
    },
  };
}

const build = (files: Map<string, string>): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);

/** The joint call with these boxes on its "Send the contract" lines. */
const joint = (...boxes: string[]): string => `Joint call with [[Acme]] and [[Beta]].\n\n${boxes.map((b) => `- [${b}] Send the contract\n`).join("")}- [ ] Other\n`;
const customerPage = (name: string, box: string): string =>
  [`# ${name}`, "", "## Open Tasks", "", `- [${box}] ${TASK}`, "- [ ] Other ([[2025-10-22 - Joint]])", ""].join("\n");
const ambiguous = (closed: string, line = `- [x] ${TASK}`): string =>
  `tick not written back: ${JOINT} holds this task on identical lines, ${closed} already; ` +
  `the tick may be the one written there before (from another page, or by a run that could not write this page), ` +
  `so which line it means is unknown: tick it in the note: ${line}`;

describe("a tick on a task the note holds on identical lines, one closed already", () => {
  it("a later round (another page ticked the same task first) closes no second line: a warning names the note, on the page", async () => {
    // The user ticked the task on Acme's and on Beta's page; Acme's round ran first and closed the
    // first line (Obsidian Tasks' rule). Beta's page, not regenerated since, still holds its tick.
    for (const write of [true, false]) {
      const m = memory({ [JOINT]: joint("x", " "), [ACME]: customerPage("Acme", " "), [BETA]: customerPage("Beta", "x") });
      const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write });
      expect(m.files.get(JOINT)).toBe(joint("x", " "));
      expect(report.sources).toEqual([]);
      expect(report.warnings).toEqual([{ file: BETA, message: ambiguous("one closed [x]") }]);
      // The page shows the line still open in the note, unticked: nothing is tried again.
      if (write) expect(m.files.get(BETA)).toContain(`## Open Tasks\n\n- [ ] ${TASK}\n- [ ] Other ([[2025-10-22 - Joint]])\n\n`);
    }
  });

  it("whatever the closed lines' statuses, and however many there are", async () => {
    const m = memory({ [JOINT]: joint("-", " ", "x", " "), [BETA]: customerPage("Beta", "/") });
    const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true });
    expect(m.files.get(JOINT)).toBe(joint("-", " ", "x", " "));
    expect(report.warnings).toEqual([{ file: BETA, message: ambiguous("2 closed [-] [x]", `- [/] ${TASK}`) }]);
  });

  it("the same task ticked on two pages in one round, with a closed twin: each page is told, nothing is written", async () => {
    const m = memory({ [JOINT]: joint("x", " "), [ACME]: customerPage("Acme", "x"), [BETA]: customerPage("Beta", "x") });
    const report = await regenerate(build(m.files), [ACME, BETA], m.io, { today: TODAY, write: true });
    expect(m.files.get(JOINT)).toBe(joint("x", " "));
    expect(report.warnings).toEqual([
      { file: ACME, message: ambiguous("one closed [x]") },
      { file: BETA, message: ambiguous("one closed [x]") },
    ]);
  });

  it("identical open lines with none closed: the first is closed, as before (Obsidian Tasks' rule)", async () => {
    const m = memory({ [JOINT]: joint(" ", " "), [BETA]: customerPage("Beta", "x") });
    const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true });
    expect(m.files.get(JOINT)).toBe(joint("x", " "));
    expect(report.warnings).toEqual([]);
  });

  it("a closed task of the same text on a line that is not identical (indented) is another task: the tick is written", async () => {
    const text = "Joint call with [[Acme]] and [[Beta]].\n\n- [x] Send the contract\n\n## Later\n\n- Follow-up\n  - [ ] Send the contract\n";
    const m = memory({ [JOINT]: text, [BETA]: customerPage("Beta", "x") });
    const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true });
    expect(m.files.get(JOINT)).toBe(text.replace("  - [ ] Send", "  - [x] Send"));
    expect(report.warnings).toEqual([]);
  });

  it("a closed task whose first line is identical but whose text is another (its continuation line differs) is another task: the tick is written, no warning", async () => {
    // The page shows each as its own task ("… for the pilot", "… for the rollout"): a tick on the
    // open one can never have been the tick that closed the other (a tick closes only its own text).
    const note = (pilot: string, rollout: string): string =>
      `Joint call with [[Acme]] and [[Beta]].\n\n- [${pilot}] Send the contract\n  for the pilot\n- [${rollout}] Send the contract\n  for the rollout\n`;
    const m = memory({ [JOINT]: note("x", " "), [BETA]: "# Beta\n\n## Open Tasks\n\n" });
    await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true });
    const line = "- [ ] Send the contract for the rollout ([[2025-10-22 - Joint]])";
    expect(m.files.get(BETA)).toContain(`## Open Tasks\n\n${line}\n\n`);
    m.files.set(BETA, m.files.get(BETA)!.replace(line, line.replace("[ ]", "[x]")));
    const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true });
    expect(report.warnings).toEqual([]);
    expect(m.files.get(JOINT)).toBe(note("x", "x"));
    expect(m.files.get(BETA)).not.toContain("Send the contract");
  });

  it("a closed task with the tick's text on an identical first line, its continuation the same, is a twin", async () => {
    const note = (a: string, b: string): string =>
      `Joint call with [[Acme]] and [[Beta]].\n\n- [${a}] Send the contract\n  for the pilot\n- [${b}] Send the contract\n  for the pilot\n`;
    const line = "- [x] Send the contract for the pilot ([[2025-10-22 - Joint]])";
    const m = memory({ [JOINT]: note("x", " "), [BETA]: `# Beta\n\n## Open Tasks\n\n${line}\n` });
    const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true });
    expect(m.files.get(JOINT)).toBe(note("x", " "));
    expect(report.warnings).toEqual([{ file: BETA, message: ambiguous("one closed [x]", line) }]);
  });

  it("the tick still goes to the page's other sources that hold the task once", async () => {
    const OTHER = "Notes/2025-10-20.md";
    const other = "[[Beta]] prep\n- [ ] Send the contract\n";
    const m = memory({ [JOINT]: joint("x", " "), [OTHER]: other, [BETA]: customerPage("Beta", "x") });
    const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true });
    expect(m.files.get(JOINT)).toBe(joint("x", " "));
    expect(m.files.get(OTHER)).toBe(other.replace("[ ]", "[x]"));
    expect(report.sources).toEqual([{ path: OTHER, ticks: 1, written: true }]);
    expect(report.warnings).toEqual([{ file: BETA, message: ambiguous("one closed [x]") }]);
  });

  it("a tick applied to its note while the page could not be written (it kept changing, or the disk was full): the next run ticks no second line", async () => {
    for (const failure of ["kept changing", "disk full"] as const) {
      const m = memory({ [JOINT]: joint(" ", " "), [BETA]: customerPage("Beta", "x") });
      let edits = 0;
      const io: RegenerateIO = {
        read: m.io.read,
        write: async (p, expected, next) => {
          if (p === BETA && failure === "disk full") throw new Error("ENOSPC");
          // The user types below the sections on every retry.
          if (p === BETA) m.files.set(BETA, `${m.files.get(BETA)!}\nTyping ${edits++}\n`);
          return m.io.write(p, expected, next);
        },
      };
      const first = await regenerate(build(m.files), [BETA], io, { today: TODAY, write: true });
      expect(m.files.get(JOINT)).toBe(joint("x", " "));
      expect(first.pages).toEqual([{ path: BETA, changed: true, written: false, ...(failure === "disk full" ? { writeFailed: true } : {}) }]);
      expect(m.files.get(BETA)).toContain(`- [x] ${TASK}`);
      // The next run, the page now written as it is.
      const next = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true });
      expect(m.files.get(JOINT), failure).toBe(joint("x", " "));
      expect(next.warnings).toEqual([{ file: BETA, message: ambiguous("one closed [x]") }]);
      expect(m.files.get(BETA)).toContain(`- [ ] ${TASK}`);
    }
  });
});

describe("two runs at once (the plugin and a scheduled CLI run)", () => {
  it("a tick both runs read closes one of two identical lines, not both, whatever the next run finds", async () => {
    const m = memory({ [JOINT]: joint(" ", " "), [BETA]: customerPage("Beta", "x") });
    // The second run reads every file before the first writes anything.
    const snapshot = new Map(m.files);
    const readOnce = new Set<string>();
    const late: RegenerateIO = {
      read: async (p) => {
        if (readOnce.has(p)) return m.files.get(p) ?? null;
        readOnce.add(p);
        return snapshot.get(p) ?? null;
      },
      write: m.io.write,
    };
    const lateIndex = build(snapshot);
    await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true });
    expect(m.files.get(JOINT)).toBe(joint("x", " "));
    const second = await regenerate(lateIndex, [BETA], late, { today: TODAY, write: true });
    expect(second.warnings).toContainEqual({ file: JOINT, message: "changed while ticks were applied; 1 task(s) left unticked" });
    expect(m.files.get(JOINT)).toBe(joint("x", " "));
    // The page, read again when its write found it changed, no longer holds the tick (the first run
    // wrote it back, and the page): it is not ticked again (B36-H; it was, and the next run met it
    // with the first line closed and left it to the user).
    expect(m.files.get(BETA)).toContain(`- [ ] ${TASK}`);
    expect(m.files.get(BETA)).not.toContain(`- [x] ${TASK}`);
    const third = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true });
    expect(third.warnings).toEqual([]);
    expect(m.files.get(JOINT)).toBe(joint("x", " "));
  });
});

describe("closedLines", () => {
  it("reads the closed tasks' lines as they read open, with their statuses; tasks in code are none", () => {
    const text = "---\nx: 1\n---\n- [x] a\n  * [-] a\n- [ ] a\n- [x] a\n```\n- [x] b\n```\n1. [✓] c\r\n";
    expect([...closedLines(text)]).toEqual([
      ["- [ ] a", ["x", "x"]],
      ["  * [ ] a", ["-"]],
      ["1. [ ] c", ["✓"]],
    ]);
  });
});
