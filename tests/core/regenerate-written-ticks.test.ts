// A page given written ticks (the plugin's pages moved after their round wrote their ticks back,
// B29-F) that its round does not write reports those it still holds in `unwrittenWithTicks`
// (B30-B); these are the paths it has, one by one, and the ones where it must say nothing (B30-E).
import { describe, expect, it, vi } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { regenerate, type RegenerateIO } from "../../src/core/regenerate";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";

/** The page whose rendering throws (a bug), when set. */
const broken = vi.hoisted(() => ({ path: null as string | null }));
vi.mock("../../src/core/engine", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/core/engine")>();
  return {
    ...real,
    renderPage: (...args: Parameters<typeof real.renderPage>) => {
      if (args[1] === broken.path) throw new Error("boom");
      return real.renderPage(...args);
    },
  };
});

const TODAY = parseIsoDay("2025-11-01")!;
const BETA = "Customers/Beta.md";
const JOINT = "Meetings/2025-10-22 - Joint.md";
const TASK = "Send the contract ([[2025-10-22 - Joint]])";
const OTHER = "Other ([[2025-10-22 - Joint]])";
/** The tick an earlier round wrote back to the first of the note's two identical lines. */
const WRITTEN = `- [x] ${TASK}`;

/** The joint call: "Send the contract" on two identical lines, then "Other". */
const joint = (a: string, b: string, other = " "): string => `Joint call with [[Beta]].\n\n- [${a}] Send the contract\n- [${b}] Send the contract\n- [${other}] Other\n`;
const page = (task: string, other = " "): string => ["# Beta", "", "## Open Tasks", "", `- [${task}] ${TASK}`, `- [${other}] ${OTHER}`, ""].join("\n");

function memory(files: Record<string, string>, overrides: Partial<RegenerateIO> = {}): { files: Map<string, string>; io: RegenerateIO } {
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
      ...overrides,
    },
  };
}

const build = (files: Map<string, string>): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
const writtenTicks = (lines = [WRITTEN]): ReadonlyMap<string, readonly string[]> => new Map([[BETA, lines]]);
const diskFull = (m: { files: Map<string, string> }): RegenerateIO["write"] => async (p, expected, next) => {
  if (p === BETA) throw new Error("ENOSPC");
  if (m.files.get(p) !== expected) return false;
  m.files.set(p, next);
  return true;
};

describe("unwrittenWithTicks: a page given written ticks that its round does not write (B30-B)", () => {
  it("written: nothing reported (the host's entry is gone with the round), the page shows the second line open, no warning", async () => {
    const m = memory({ [JOINT]: joint("x", " "), [BETA]: page("x") });
    const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true, writtenTicks: writtenTicks() });
    expect(report.unwrittenWithTicks).toBeUndefined();
    expect(report.warnings).toEqual([]);
    expect(m.files.get(JOINT)).toBe(joint("x", " "));
    expect(m.files.get(BETA)).toContain(`## Open Tasks\n\n- [ ] ${TASK}\n- [ ] ${OTHER}\n\n`);
  });

  it("the write fails: the line it still holds is reported, nothing is written to the note", async () => {
    const m = memory({ [JOINT]: joint("x", " "), [BETA]: page("x") });
    m.io.write = diskFull(m);
    const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true, writtenTicks: writtenTicks() });
    expect(report.unwrittenWithTicks).toEqual([{ path: BETA, lines: [WRITTEN] }]);
    expect(report.warnings).toEqual([{ file: BETA, message: "not written (ENOSPC)" }]);
    expect(m.files.get(JOINT)).toBe(joint("x", " "));
    expect(m.files.get(BETA)).toBe(page("x"));
  });

  it("the write fails, and a new tick on the page was written back: only the written line is reported (the new one is met again, as on a page never moved)", async () => {
    const m = memory({ [JOINT]: joint("x", " "), [BETA]: page("x", "x") });
    m.io.write = diskFull(m);
    const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true, writtenTicks: writtenTicks() });
    expect(m.files.get(JOINT)).toBe(joint("x", " ", "x"));
    expect(report.unwrittenWithTicks).toEqual([{ path: BETA, lines: [WRITTEN] }]);
  });

  it("a written line the page no longer holds (the user unticked it) is not reported", async () => {
    const m = memory({ [JOINT]: joint("x", " "), [BETA]: page(" ") });
    m.io.write = diskFull(m);
    const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true, writtenTicks: writtenTicks() });
    expect(report.unwrittenWithTicks).toBeUndefined();
  });

  it("made no customer page meanwhile (B42-F): left as it is, the line it still holds reported — the host keeps it while the note is no customer page", async () => {
    const m = memory({ [JOINT]: joint("x", " "), [BETA]: page("x") });
    const meeting = `---\ntype: meeting\n---\n${page("x")}`;
    const write = m.io.write;
    m.io.write = async (p, expected, next) => {
      // Its type set to meeting in another program, just before the round writes it.
      if (p === BETA && m.files.get(BETA) === page("x")) m.files.set(BETA, meeting);
      return write(p, expected, next);
    };
    const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true, writtenTicks: writtenTicks() });
    expect(report.pages).toEqual([{ path: BETA, changed: false, written: false, noLongerCustomer: true }]);
    expect(m.files.get(BETA)).toBe(meeting);
    expect(report.unwrittenWithTicks).toEqual([{ path: BETA, lines: [WRITTEN] }]);
    expect(m.files.get(JOINT)).toBe(joint("x", " "));
  });

  it("it kept changing: the line as the round last read it; unticked by the user meanwhile, nothing", async () => {
    for (const untick of [false, true]) {
      const m = memory({ [JOINT]: joint("x", " "), [BETA]: page("x") });
      let edits = 0;
      const write = m.io.write;
      m.io.write = async (p, expected, next) => {
        if (p === BETA) {
          // The user types below the sections on every retry, and unticks the line at the first.
          const now = `${m.files.get(BETA)!}\nTyping ${edits++}\n`;
          m.files.set(BETA, untick ? now.replace(WRITTEN, `- [ ] ${TASK}`) : now);
        }
        return write(p, expected, next);
      };
      const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true, writtenTicks: writtenTicks() });
      expect(report.warnings).toEqual([{ file: BETA, message: "kept changing while it was regenerated; left as it is" }]);
      expect(report.unwrittenWithTicks).toEqual(untick ? undefined : [{ path: BETA, lines: [WRITTEN] }]);
      expect(m.files.get(JOINT)).toBe(joint("x", " "));
    }
  });

  it("it could not be read: every written line is reported (not known to have changed)", async () => {
    const m = memory({ [JOINT]: joint("x", " "), [BETA]: page("x") });
    const read = m.io.read;
    m.io.read = async (p) => {
      if (p === BETA) throw new Error("EACCES");
      return read(p);
    };
    const held = [WRITTEN, `- [x] ${OTHER}`];
    const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true, writtenTicks: writtenTicks(held) });
    expect(report.unwrittenWithTicks).toEqual([{ path: BETA, lines: held }]);
    expect(report.pages).toEqual([{ path: BETA, changed: false, written: false, failed: true }]);
  });

  it("rendering it failed: the line it holds is reported", async () => {
    broken.path = BETA;
    try {
      const m = memory({ [JOINT]: joint("x", " "), [BETA]: page("x") });
      const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true, writtenTicks: writtenTicks() });
      expect(report.pages).toEqual([{ path: BETA, changed: false, written: false, failed: true }]);
      expect(report.unwrittenWithTicks).toEqual([{ path: BETA, lines: [WRITTEN] }]);
      expect(m.files.get(JOINT)).toBe(joint("x", " "));
    } finally {
      broken.path = null;
    }
  });

  it("a dry run: nothing reported (nothing was written; the host keeps what it passed)", async () => {
    const m = memory({ [JOINT]: joint("x", " "), [BETA]: page("x") });
    const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: false, writtenTicks: writtenTicks() });
    expect(report.unwrittenWithTicks).toBeUndefined();
    expect(report.warnings).toEqual([]);
    expect(report.pages).toEqual([{ path: BETA, changed: true, written: false }]);
  });

  it("a page given no written ticks (never moved, as every page of the CLI) that cannot be written: nothing reported, its applied tick is met again by the next run", async () => {
    const m = memory({ [JOINT]: joint(" ", " "), [BETA]: page("x") });
    const write = m.io.write;
    m.io.write = diskFull(m);
    const report = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true });
    expect(m.files.get(JOINT)).toBe(joint("x", " "));
    expect(report.unwrittenWithTicks).toBeUndefined();
    expect(report.goneWithTicks).toBeUndefined();
    m.io.write = write;
    const next = await regenerate(build(m.files), [BETA], m.io, { today: TODAY, write: true });
    expect(next.warnings).toEqual([
      {
        file: BETA,
        message:
          `tick not written back: ${JOINT} holds this task on identical lines, one closed [x] already; ` +
          `the tick may be the one written there before (from another page, or by a run that could not write this page), ` +
          `so which line it means is unknown: tick it in the note: ${WRITTEN}`,
      },
    ]);
    expect(m.files.get(JOINT)).toBe(joint("x", " "));
  });
});
