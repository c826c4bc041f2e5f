// A round the host stops (the plugin disabled): nothing more is read, rendered or written, and
// what was done is reported; no page is reported as having "kept changing".
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { regenerate, type RegenerateIO } from "../../src/core/regenerate";
import { DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";

const TODAY = parseIsoDay("2025-06-20")!;

describe("regenerate with stopped()", () => {
  it("stops at the next note once stopped() says so, also when the host refused the write it was in", async () => {
    const files = new Map<string, string>([["Meetings/Sync.md", "---\ndate: 2025-06-10\n---\n[[A]] [[B]] [[C]]\n"]]);
    for (const c of ["A", "B", "C"]) files.set(`Customers/${c}.md`, `---\ntype: customer\n---\n# ${c}\n`);
    const index = VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    const calls: string[] = [];
    let stop = false;
    const io: RegenerateIO = {
      read: async (p) => {
        calls.push(`read ${p}`);
        return files.get(p) ?? null;
      },
      write: async (p, _expected, next) => {
        calls.push(`write ${p}`);
        // The host is disabled while it writes B: it refuses that write.
        if (p === "Customers/B.md") {
          stop = true;
          return false;
        }
        files.set(p, next);
        return true;
      },
    };
    const pages = ["Customers/A.md", "Customers/B.md", "Customers/C.md"];
    const report = await regenerate(index, pages, io, { today: TODAY, write: true, stopped: () => stop });
    expect(calls).toEqual([...pages.map((p) => `read ${p}`), "write Customers/A.md", "write Customers/B.md"]);
    expect(report.pages).toEqual([{ path: "Customers/A.md", changed: true, written: true }]);
    expect(report.warnings).toEqual([]);
    expect(files.get("Customers/C.md")).toBe("---\ntype: customer\n---\n# C\n");
  });

  it.each([
    ["on", "- [x] Send plan ([[2025-06-01]])"],
    ["off", "- [x] Send plan \u2705 2025-06-20"],
  ])("source links %s: stopped while it reads a page holding a tick, it reads none of the page's notes, for the tick nor for their closed tasks (B37-B)", async (links, line) => {
    const settings: Settings = { ...DEFAULT_SETTINGS, sourceLinks: links === "on" };
    const files = new Map<string, string>([
      ["Notes/2025-06-01.md", "[[Acme]] prep\n- [ ] Send plan\n"],
      ["Customers/Acme.md", `---\ntype: customer\n---\n# Acme\n\n## Open Tasks\n\n${line}\n`],
    ]);
    const index = VaultIndex.build([...files].map(([path, text]) => ({ path, text })), settings);
    const calls: string[] = [];
    let stop = false;
    const io: RegenerateIO = {
      read: async (p) => {
        calls.push(`read ${p}`);
        // The host is disabled while the round reads the page.
        if (p === "Customers/Acme.md") stop = true;
        return files.get(p) ?? null;
      },
      write: async (p) => {
        calls.push(`write ${p}`);
        return false;
      },
    };
    const report = await regenerate(index, ["Customers/Acme.md"], io, { today: TODAY, write: true, stopped: () => stop });
    expect(calls).toEqual(["read Customers/Acme.md"]);
    expect(report.pages).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(files.get("Notes/2025-06-01.md")).toBe("[[Acme]] prep\n- [ ] Send plan\n");
  });
});

describe("regenerate with stopped(): the pages left unreached", () => {
  // Customers/G.md is indexed but gone from disk by the time the round reads it.
  const setup = (): { index: VaultIndex; files: Map<string, string> } => {
    const files = new Map<string, string>([["Meetings/Sync.md", "---\ndate: 2025-06-10\n---\n[[A]] [[B]] [[C]] [[G]]\n"]]);
    for (const c of ["A", "B", "C", "G"]) files.set(`Customers/${c}.md`, `---\ntype: customer\n---\n# ${c}\n`);
    const index = VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    files.delete("Customers/G.md");
    return { index, files };
  };

  it("stopped while it writes B (the host refusing it): B and the pages after it, not the one found gone", async () => {
    const { index, files } = setup();
    let stop = false;
    const io: RegenerateIO = {
      read: async (p) => files.get(p) ?? null,
      write: async (p, _expected, next) => {
        if (p === "Customers/B.md") {
          stop = true;
          return false;
        }
        files.set(p, next);
        return true;
      },
    };
    const report = await regenerate(index, ["Customers/A.md", "Customers/B.md", "Customers/G.md", "Customers/C.md"], io, { today: TODAY, write: true, stopped: () => stop });
    expect(report.pages).toEqual([{ path: "Customers/A.md", changed: true, written: true }]);
    expect(report.unreached).toEqual(["Customers/B.md", "Customers/C.md"]);
  });

  it("stopped while it reads B, before anything is rendered: every page but the one found gone before it", async () => {
    const { index, files } = setup();
    let stop = false;
    const io: RegenerateIO = {
      read: async (p) => {
        if (p === "Customers/B.md") stop = true;
        return files.get(p) ?? null;
      },
      write: async () => {
        throw new Error("nothing is written once stopped");
      },
    };
    const report = await regenerate(index, ["Customers/A.md", "Customers/G.md", "Customers/B.md", "Customers/C.md"], io, { today: TODAY, write: true, stopped: () => stop });
    expect(report.pages).toEqual([]);
    expect(report.unreached).toEqual(["Customers/A.md", "Customers/B.md", "Customers/C.md"]);
  });

  it("stopped as B, refused (changed), is read again and found gone: C only, not B; stopped right after A is written: B and C", async () => {
    const { index, files } = setup();
    let stop = false;
    let bReads = 0;
    const io: RegenerateIO = {
      read: async (p) => {
        if (p === "Customers/B.md" && ++bReads === 2) {
          // The round's second read of B, after its write was refused: deleted meanwhile.
          files.delete(p);
          stop = true;
        }
        return files.get(p) ?? null;
      },
      write: async (p, _expected, next) => {
        if (p === "Customers/B.md") return false;
        files.set(p, next);
        return true;
      },
    };
    const report = await regenerate(index, ["Customers/A.md", "Customers/B.md", "Customers/G.md", "Customers/C.md"], io, { today: TODAY, write: true, stopped: () => stop });
    expect(report.pages).toEqual([{ path: "Customers/A.md", changed: true, written: true }]);
    expect(report.unreached).toEqual(["Customers/C.md"]);

    const second = setup();
    stop = false;
    const io2: RegenerateIO = {
      read: async (p) => second.files.get(p) ?? null,
      write: async (p, _expected, next) => {
        second.files.set(p, next);
        if (p === "Customers/A.md") stop = true;
        return true;
      },
    };
    const after = await regenerate(second.index, ["Customers/A.md", "Customers/B.md", "Customers/G.md", "Customers/C.md"], io2, { today: TODAY, write: true, stopped: () => stop });
    expect(after.pages).toEqual([{ path: "Customers/A.md", changed: true, written: true }]);
    expect(after.unreached).toEqual(["Customers/B.md", "Customers/C.md"]);
    expect(second.files.get("Customers/B.md")).toBe("---\ntype: customer\n---\n# B\n");
  });

  it("never stopped, or stopped once the last page is written: none", async () => {
    for (const stopAfterLast of [false, true]) {
      const { index, files } = setup();
      let stop = false;
      const io: RegenerateIO = {
        read: async (p) => files.get(p) ?? null,
        write: async (p, _expected, next) => {
          files.set(p, next);
          if (stopAfterLast && p === "Customers/C.md") stop = true;
          return true;
        },
      };
      const report = await regenerate(index, ["Customers/A.md", "Customers/B.md", "Customers/C.md"], io, { today: TODAY, write: true, stopped: () => stop });
      expect(report.pages.map((p) => p.written)).toEqual([true, true, true]);
      expect(report.unreached).toBeUndefined();
    }
  });
});

describe("regenerate with stopped(), while it writes the ticks' notes", () => {
  it("a tick whose line stands for its task in two notes is written to both or neither: the next run, finding the named note's task closed, drops it (§8) and would leave the other open (B37-F)", async () => {
    // One page line stands for `Send the contract` in both notes (§6 de-duplication) and names the
    // newer, B. The plugin is disabled while the round writes B (the first in path order).
    const B = "Meetings/2025-10-21 - B.md";
    const A = "Notes/2025-10-20.md";
    const line = "- [x] Send the contract ([[2025-10-21 - B]])";
    const files = new Map<string, string>([
      [A, "Prep for [[Acme]].\n\n- [ ] Send the contract\n"],
      [B, "Call with [[Acme]].\n\n- [ ] Send the contract\n"],
      ["Customers/Acme.md", `---\ntype: customer\n---\n# Acme\n\n## Open Tasks\n\n${line}\n`],
    ]);
    let stop = false;
    const io: RegenerateIO = {
      read: async (p) => files.get(p) ?? null,
      write: async (p, expected, next, finishing) => {
        // As the plugin: once stopped, only a note that finishes a tick is written.
        if (files.get(p) !== expected || (stop && finishing !== true)) return false;
        files.set(p, next);
        if (p === B) stop = true;
        return true;
      },
    };
    const build = (): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    await regenerate(build(), ["Customers/Acme.md"], io, { today: TODAY, write: true, stopped: () => stop });
    // Stopped before the page was rendered: it still shows the tick.
    expect(files.get("Customers/Acme.md")).toContain(line);
    // Enabled again: the next round. B's task is closed, so §8 drops the page's tick ("the first open
    // task there"); A's task, which the same line stood for, must have been ticked by the first round.
    stop = false;
    const next = await regenerate(build(), ["Customers/Acme.md"], io, { today: TODAY, write: true, stopped: () => stop });
    expect(files.get(B)).toBe("Call with [[Acme]].\n\n- [x] Send the contract\n");
    expect(files.get(A)).toBe("Prep for [[Acme]].\n\n- [x] Send the contract\n");
    // README (Disabling the plugin): the page, regenerated, warns that the task is already closed.
    expect(next.warnings).toEqual([
      { file: "Customers/Acme.md", message: `tick dropped, the task is already closed [x] in ${B} (ticked on another page, or in the note): ${line}` },
    ]);
    expect(files.get("Customers/Acme.md")).not.toContain("Send the contract");
  });
});

describe("regenerate with stopped(), the host refusing the note it was writing", () => {
  it("stopped inside the write of a tick's second note, which the host refused: that note is written again as finishing the tick (B37-F)", async () => {
    // `Send the contract` in three notes, one page line naming B (first in path order). B is
    // written; the plugin is disabled while Notes/2025-10-19 is written, and refuses it; left so,
    // the next round drops the tick (B's task is closed) and that note's task stays open for good.
    const B = "Meetings/2025-10-21 - B.md";
    const line = "- [x] Send the contract ([[2025-10-21 - B]])";
    const files = new Map<string, string>([
      [B, "Call with [[Acme]].\n\n- [ ] Send the contract\n"],
      ["Notes/2025-10-19.md", "Prep for [[Acme]].\n\n- [ ] Send the contract\n"],
      ["Notes/2025-10-20.md", "More prep for [[Acme]].\n\n- [ ] Send the contract\n"],
      ["Customers/Acme.md", `---\ntype: customer\n---\n# Acme\n\n## Open Tasks\n\n${line}\n`],
    ]);
    let stop = false;
    const calls: string[] = [];
    const io: RegenerateIO = {
      read: async (p) => files.get(p) ?? null,
      write: async (p, expected, next, finishing) => {
        calls.push(`write ${p}${finishing === true ? " (finishing)" : ""}`);
        if (p === "Notes/2025-10-19.md") stop = true;
        // As the plugin: once stopped, only a note that finishes a tick is written.
        if (files.get(p) !== expected || (stop && finishing !== true)) return false;
        files.set(p, next);
        return true;
      },
    };
    const index = VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    const report = await regenerate(index, ["Customers/Acme.md"], io, { today: TODAY, write: true, stopped: () => stop });
    expect(calls).toEqual([`write ${B}`, "write Notes/2025-10-19.md", "write Notes/2025-10-19.md (finishing)", "write Notes/2025-10-20.md (finishing)"]);
    expect(files.get(B)).toBe("Call with [[Acme]].\n\n- [x] Send the contract\n");
    expect(files.get("Notes/2025-10-19.md")).toBe("Prep for [[Acme]].\n\n- [x] Send the contract\n");
    expect(files.get("Notes/2025-10-20.md")).toBe("More prep for [[Acme]].\n\n- [x] Send the contract\n");
    expect(report.warnings).toEqual([]);
    expect(files.get("Customers/Acme.md")).toContain(line);
  });
});
