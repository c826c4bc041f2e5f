// A note the round cannot read (io.read throws: its permissions taken away since the host read the
// vault) is never taken for a note that is gone: a page is reported failed and left as it is, a tick
// on a task of a source stays on its page — unless another note holding the task took it, as for a
// source that cannot be written (README, write-back).
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { regenerate, type RegenerateIO, type RegenerateReport } from "../../src/core/regenerate";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";

const TODAY = parseIsoDay("2025-11-15")!;
const PAGE = "Customers/Acme.md";

function vault(files: Map<string, string>, unreadable: ReadonlySet<string>): RegenerateIO {
  return {
    read: async (p) => {
      if (unreadable.has(p)) throw new Error("permission denied (EACCES)");
      return files.get(p) ?? null;
    },
    write: async (p, expected, next) => {
      if (files.get(p) !== expected) return false;
      files.set(p, next);
      return true;
    },
  };
}

/**
 * The warning for a line whose tick a line above overrules (README: two lines of one page ticking
 * one task "are read top down"), kept on the page with status `kept`; `why`: why the page keeps it.
 */
const overruled = (kept: string, status: string, why: string, line: string): string =>
  `tick dropped, a line above ticks the same task [${kept}], which the page keeps ticked ${why}(the page's lines are read top down; ` +
  `the next run writes [${kept}] back: change that line to [${status}] before then if [${status}] was meant): ${line}`;

const build = (files: Map<string, string>, settings = DEFAULT_SETTINGS): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), settings);

describe("a note the round cannot read", () => {
  it("the page: failed, with a warning naming it and why; the other page is written", async () => {
    const files = new Map([
      [PAGE, "# Acme\n"],
      ["Customers/Globex.md", "# Globex\n"],
      ["Meetings/2025-11-01 - Call.md", "Call with [[Acme]] and [[Globex]].\n"],
    ]);
    const r = await regenerate(build(files), [PAGE, "Customers/Globex.md"], vault(files, new Set([PAGE])), { today: TODAY, write: true });
    expect(r.pages).toEqual([
      { path: PAGE, changed: false, written: false, failed: true },
      { path: "Customers/Globex.md", changed: true, written: true },
    ]);
    expect(r.warnings).toEqual([{ file: PAGE, message: "cannot be read (permission denied (EACCES)); not regenerated" }]);
    expect(files.get(PAGE)).toBe("# Acme\n");
  });

  it("a source holding the ticked task, with another source holding it too (source links off): the other takes the tick, this one's task stays open, said", async () => {
    const settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
    const a = "Meetings/2025-11-01 - A.md";
    const b = "Meetings/2025-11-02 - B.md";
    const files = new Map([
      [PAGE, "# Acme\n"],
      [a, "Call with [[Acme]].\n\n- [ ] send the deck\n"],
      [b, "Call with [[Acme]].\n\n- [ ] send the deck\n"],
    ]);
    const io = vault(files, new Set());
    await regenerate(build(files, settings), [PAGE], io, { today: TODAY, write: true });
    expect(files.get(PAGE)).toContain("- [ ] send the deck\n");
    files.set(PAGE, files.get(PAGE)!.replace("- [ ] send the deck", "- [x] send the deck"));
    const index = build(files, settings);
    const r = await regenerate(index, [PAGE], vault(files, new Set([a])), { today: TODAY, write: true });
    expect(files.get(b)).toBe("Call with [[Acme]].\n\n- [x] send the deck\n");
    expect(files.get(a)).toBe("Call with [[Acme]].\n\n- [ ] send the deck\n");
    expect(r.warnings).toEqual([{ file: a, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" }]);
    expect(r.writeErrors).toBe(1);
    // The tick was taken (by B): A's task, open as the index read it, is shown open.
    expect(files.get(PAGE)).toContain("- [ ] send the deck\n");
    expect(files.get(PAGE)).not.toContain("- [x]");
  });

  it("the only source holding the ticked task: the tick stays on the page", async () => {
    const a = "Meetings/2025-11-01 - A.md";
    const files = new Map([
      [PAGE, "# Acme\n"],
      [a, "Call with [[Acme]].\n\n- [ ] send the deck\n"],
    ]);
    await regenerate(build(files), [PAGE], vault(files, new Set()), { today: TODAY, write: true });
    files.set(PAGE, files.get(PAGE)!.replace("- [ ] send the deck", "- [x] send the deck"));
    const ticked = files.get(PAGE)!;
    const r = await regenerate(build(files), [PAGE], vault(files, new Set([a])), { today: TODAY, write: true });
    expect(r.warnings).toEqual([{ file: a, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" }]);
    expect(r.sources).toEqual([{ path: a, ticks: 0, written: false }]);
    expect(files.get(PAGE)).toBe(ticked);
  });

  it("one task ticked on two pages, its note unreadable: one task left unticked, as when the note cannot be written", async () => {
    const joint = "Meetings/2025-11-01 - Joint.md";
    const globex = "Customers/Globex.md";
    const files = new Map([
      [PAGE, "# Acme\n"],
      [globex, "# Globex\n"],
      [joint, "Call with [[Acme]] and [[Globex]].\n\n- [ ] send the deck\n"],
    ]);
    await regenerate(build(files), [PAGE, globex], vault(files, new Set()), { today: TODAY, write: true });
    for (const p of [PAGE, globex]) files.set(p, files.get(p)!.replace("- [ ] send the deck", "- [x] send the deck"));
    const ticked = [files.get(PAGE), files.get(globex)];
    const r = await regenerate(build(files), [PAGE, globex], vault(files, new Set([joint])), { today: TODAY, write: true });
    // The note holds one such task: the two ticks are one (README), as they are for a note that
    // cannot be written ("not written (…); 1 task(s) left unticked").
    expect(r.warnings).toEqual([{ file: joint, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" }]);
    expect([files.get(PAGE), files.get(globex)]).toEqual(ticked);
  });

  /** A meeting with one open task, and Acme's page written from it: the page shows the task's `line`. */
  async function deckOnPage(): Promise<{ files: Map<string, string>; call: string; line: string }> {
    const call = "Meetings/2025-11-01 - Call.md";
    const files = new Map([
      [PAGE, "# Acme\n"],
      [call, "Call with [[Acme]].\n\n- [ ] send the deck\n"],
    ]);
    await regenerate(build(files), [PAGE], vault(files, new Set()), { today: TODAY, write: true });
    const line = "- [ ] send the deck ([[2025-11-01 - Call]])";
    expect(files.get(PAGE)).toContain(`## Open Tasks\n\n${line}\n`);
    return { files, call, line };
  }

  /**
   * `- [-] send the deck` ticked on the page, the Call note unreadable (the tick is kept); as the round
   * writes the page, the user types `- [status] Send the deck.` for the same task below that line
   * (`above`: above it).
   */
  async function typedBesideKept(status: string, above = false): Promise<{ files: Map<string, string>; call: string; cancelled: string; r: RegenerateReport }> {
    const { files, call, line } = await deckOnPage();
    const cancelled = "- [-] send the deck ([[2025-11-01 - Call]])";
    files.set(PAGE, files.get(PAGE)!.replace(line, cancelled));
    // A note written since: the page changes, so the round writes it.
    files.set("Meetings/2025-11-02 - Next.md", "Next with [[Acme]].\n");
    const io = vault(files, new Set([call]));
    let typed = false;
    const r = await regenerate(build(files), [PAGE], {
      ...io,
      write: async (p, expected, next) => {
        if (p === PAGE && !typed) {
          typed = true;
          const typedLine = `- [${status}] Send the deck. ([[2025-11-01 - Call]])`;
          files.set(PAGE, files.get(PAGE)!.replace(cancelled, above ? `${typedLine}\n${cancelled}` : `${cancelled}\n${typedLine}`));
        }
        return io.write(p, expected, next);
      },
    }, { today: TODAY, write: true });
    expect(typed).toBe(true);
    return { files, call, cancelled, r };
  }

  it("two lines of the page ticking one task with two statuses, its note unreadable: the page keeps the first line's status, as a readable note would have been given it (B38-B)", async () => {
    // README: of two statuses for one task "the status of the page read first … is written"; one
    // page's lines are read top down, so a readable note gets `[-]` and the `[x]` line a warning. The
    // note unreadable, the tick "stays ticked on the page … and is tried again by the next run": with
    // `[-]`, not with the status of the line read last.
    const { files, call, line } = await deckOnPage();
    files.set(PAGE, files.get(PAGE)!.replace(line, "- [-] send the deck ([[2025-11-01 - Call]])\n- [x] Send the deck. ([[2025-11-01 - Call]])"));
    const r = await regenerate(build(files), [PAGE], vault(files, new Set([call])), { today: TODAY, write: true });
    // The `[x]` line's tick is gone from the page: said, as a readable note's "this page also ticks
    // the same task" says it (B39-B: it went without a word).
    expect(r.warnings).toEqual([
      { file: call, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" },
      { file: PAGE, message: overruled("-", "x", `as ${call} was not written `, "- [x] Send the deck. ([[2025-11-01 - Call]])") },
    ]);
    expect(files.get(call)).toBe("Call with [[Acme]].\n\n- [ ] send the deck\n");
    expect(files.get(PAGE)).toContain(`## Open Tasks\n\n- [-] send the deck ([[2025-11-01 - Call]])\n\n`);
    // The note readable again, the next run writes `[-]`.
    await regenerate(build(files), [PAGE], vault(files, new Set()), { today: TODAY, write: true });
    expect(files.get(call)).toBe("Call with [[Acme]].\n\n- [-] send the deck\n");
  });

  it("a line ticking the same task with another status added below the kept line while the page is written: the page keeps the upper line's status, as at the start of the round (B38-E)", async () => {
    // README: "Two lines of one page ticking one task … are read top down: the upper line's status
    // is written, or kept on the page when its note cannot be written then." The `[-]` line was there
    // when the round read the page; the `[x]` copy is typed below it as the round writes the page, which
    // is read again: the page kept `[x]` (the tick read again last), and the next run wrote it.
    const { files, call, cancelled, r } = await typedBesideKept("x");
    expect(files.get(call)).toBe("Call with [[Acme]].\n\n- [ ] send the deck\n");
    expect(files.get(PAGE)).toContain(`## Open Tasks\n\n${cancelled}\n\n`);
    // The typed `[x]` line is gone from the page written: said, as at the first read (B39-B).
    expect(r.warnings).toEqual([
      { file: call, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" },
      { file: PAGE, message: overruled("-", "x", `as ${call} was not written `, "- [x] Send the deck. ([[2025-11-01 - Call]])") },
    ]);
    // The note readable again, the next run writes `[-]`, as a readable note would have got then.
    await regenerate(build(files), [PAGE], vault(files, new Set()), { today: TODAY, write: true });
    expect(files.get(call)).toBe("Call with [[Acme]].\n\n- [-] send the deck\n");
  });

  it("two lines of the page ticking one task with two statuses, its note not written (write fails): the lower line's tick is dropped with a warning naming the note; of one status, no word but the note's (B39-B)", async () => {
    for (const lower of ["x", "-"]) {
      const { files, call, line } = await deckOnPage();
      files.set(PAGE, files.get(PAGE)!.replace(line, `- [-] send the deck ([[2025-11-01 - Call]])\n- [${lower}] Send the deck. ([[2025-11-01 - Call]])`));
      const io = vault(files, new Set());
      const r = await regenerate(build(files), [PAGE], {
        ...io,
        write: async (p, expected, next) => {
          if (p === call) throw new Error("EROFS: read-only file system");
          return io.write(p, expected, next);
        },
      }, { today: TODAY, write: true });
      expect(files.get(call)).toBe("Call with [[Acme]].\n\n- [ ] send the deck\n");
      expect(files.get(PAGE)).toContain(`## Open Tasks\n\n- [-] send the deck ([[2025-11-01 - Call]])\n\n`);
      const unwritten = { file: call, message: "not written (EROFS: read-only file system); 1 task(s) left unticked" };
      // Of one status the lower line is the same tick: one line keeps it, nothing is lost.
      expect(r.warnings, lower).toEqual(
        lower === "-" ? [unwritten] : [unwritten, { file: PAGE, message: overruled("-", "x", `as ${call} was not written `, "- [x] Send the deck. ([[2025-11-01 - Call]])") }],
      );
    }
  });

  it("a line ticking the same task with another status typed above the kept line while the page is written: the upper line's status stays on the page, and the kept line's tick is dropped with a warning (B39-B)", async () => {
    const { files, call, cancelled, r } = await typedBesideKept("x", true);
    expect(files.get(PAGE)).toContain(`## Open Tasks\n\n- [x] send the deck ([[2025-11-01 - Call]])\n\n`);
    // The upper line, typed meanwhile, is not written back yet: the page keeps it, no note named.
    expect(r.warnings).toEqual([
      { file: call, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" },
      { file: PAGE, message: "ticked while it was regenerated; the tick stays on the page, and the next run writes it back" },
      { file: PAGE, message: overruled("x", "-", "", cancelled) },
    ]);
    await regenerate(build(files), [PAGE], vault(files, new Set()), { today: TODAY, write: true });
    expect(files.get(call)).toBe("Call with [[Acme]].\n\n- [x] send the deck\n");
  });

  it("the upper of two such kept lines unticked while the page is written: the lower line's status stays on the page, and no tick is said dropped (B39-B)", async () => {
    // README (Writes are atomic): "a box unticked again by the time the page is read once more is
    // not kept"; the line left is then the only one ticking the task, and nothing is dropped.
    const { files, call, line } = await deckOnPage();
    const cancelled = "- [-] send the deck ([[2025-11-01 - Call]])";
    const done = "- [x] Send the deck. ([[2025-11-01 - Call]])";
    files.set(PAGE, files.get(PAGE)!.replace(line, `${cancelled}\n${done}`));
    const io = vault(files, new Set([call]));
    let unticked = false;
    const r = await regenerate(build(files), [PAGE], {
      ...io,
      write: async (p, expected, next) => {
        if (p === PAGE && !unticked) {
          unticked = true;
          files.set(PAGE, files.get(PAGE)!.replace(cancelled, "- [ ] send the deck ([[2025-11-01 - Call]])"));
        }
        return io.write(p, expected, next);
      },
    }, { today: TODAY, write: true });
    expect(unticked).toBe(true);
    expect(files.get(PAGE)).toContain(`## Open Tasks\n\n- [x] send the deck ([[2025-11-01 - Call]])\n\n`);
    expect(r.warnings).toEqual([{ file: call, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" }]);
    await regenerate(build(files), [PAGE], vault(files, new Set()), { today: TODAY, write: true });
    expect(files.get(call)).toBe("Call with [[Acme]].\n\n- [x] send the deck\n");
  });

  it("two such lines, their note changed while the ticks are applied so that the page shows the task no more (closed there, or its text edited): no line is said to be kept ticked (B39-G)", async () => {
    // The warning for the lower line says the page keeps the upper line's tick and the next run
    // writes it back; with the task gone from the page, neither line's tick is kept, and the note's
    // own warning ("changed while ticks were applied") is all there is to say, as for one line.
    for (const [edited, shown] of [
      ["- [x] send the deck", ""],
      ["- [ ] send the deck today", "- [ ] send the deck today ([[2025-11-01 - Call]])\n\n"],
    ] as const) {
      const { files, call, line } = await deckOnPage();
      files.set(PAGE, files.get(PAGE)!.replace(line, "- [-] send the deck ([[2025-11-01 - Call]])\n- [x] Send the deck. ([[2025-11-01 - Call]])"));
      const io = vault(files, new Set());
      const r = await regenerate(build(files), [PAGE], {
        ...io,
        write: async (p, expected, next) => {
          // The user's own edit lands in the note just before the round writes it.
          if (p === call) files.set(call, `Call with [[Acme]].\n\n${edited}\n`);
          return io.write(p, expected, next);
        },
      }, { today: TODAY, write: true });
      expect(files.get(call), edited).toBe(`Call with [[Acme]].\n\n${edited}\n`);
      expect(files.get(PAGE), edited).toContain(`## Open Tasks\n\n${shown}## Account Status`);
      expect(r.warnings, edited).toEqual([{ file: call, message: "changed while ticks were applied; 1 task(s) left unticked" }]);
    }
  });

  it("a line ticking the same task with the same status added below the kept line while the page is written: kept, and said to have been ticked while the page was regenerated (B39-C)", async () => {
    // Below a kept line of another status a line ticked meanwhile is dropped with a warning (B39-B); of
    // the same status it is a tick like any made meanwhile, said so (the next run writes it back, here
    // with the kept line's, which is the same).
    const { files, call, cancelled, r } = await typedBesideKept("-");
    expect(files.get(PAGE)).toContain(`## Open Tasks\n\n${cancelled}\n\n`);
    expect(r.warnings).toEqual([
      { file: call, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" },
      { file: PAGE, message: "ticked while it was regenerated; the tick stays on the page, and the next run writes it back" },
    ]);
    await regenerate(build(files), [PAGE], vault(files, new Set()), { today: TODAY, write: true });
    expect(files.get(call)).toBe("Call with [[Acme]].\n\n- [-] send the deck\n");
  });

  it("a tick standing for its task in two notes, one that cannot be written and the other, the one its line names, unreadable: the page read again while it is written keeps it ticked (B39-C)", async () => {
    // Source links on: the page shows `send the deck` once, naming D, the newest note, and the line
    // stands for the task in B too (§8). B's write is refused (permissions), D cannot be read: no note
    // took the tick, so it stays ticked on the page. The user writes a note of their own on the page
    // as the round writes it: the write is refused, the page read again, and the tick, still there,
    // must stay ticked.
    const B = "Meetings/2025-11-01 - B.md";
    const D = "Meetings/2025-11-03 - D.md";
    // B's task is written otherwise, read alike (§6's normalised text): one task, one line.
    const noteB = "Call with [[Acme]].\n\n- [ ] Send the deck.\n";
    const note = "Call with [[Acme]].\n\n- [ ] send the deck\n";
    const files = new Map([
      [PAGE, "# Acme\n"],
      [B, noteB],
      [D, note],
    ]);
    await regenerate(build(files), [PAGE], vault(files, new Set()), { today: TODAY, write: true });
    const line = "- [ ] send the deck ([[2025-11-03 - D]])";
    expect(files.get(PAGE)).toContain(`## Open Tasks\n\n${line}\n\n`);
    const tick = "- [x] send the deck ([[2025-11-03 - D]])";
    files.set(PAGE, files.get(PAGE)!.replace(line, tick));
    files.set("Meetings/2025-11-04 - Next.md", "Next with [[Acme]].\n");
    const io = vault(files, new Set([D]));
    const own = "\n## My notes\n\nCall back on Monday.\n";
    let typed = false;
    const r = await regenerate(build(files), [PAGE], {
      ...io,
      write: async (p, expected, next) => {
        if (p === B) throw new Error("permission denied (EACCES)");
        if (p === PAGE && !typed) {
          typed = true;
          files.set(PAGE, files.get(PAGE)! + own);
        }
        return io.write(p, expected, next);
      },
    }, { today: TODAY, write: true });
    expect(typed).toBe(true);
    expect(r.warnings).toEqual([
      { file: B, message: "not written (permission denied (EACCES)); 1 task(s) left unticked" },
      { file: D, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" },
    ]);
    expect([files.get(B), files.get(D)]).toEqual([noteB, note]);
    expect(files.get(PAGE)).toContain(`## Open Tasks\n\n${tick}\n\n`);
    expect(files.get(PAGE)!.endsWith(own)).toBe(true);
    // Both notes writable and readable again, the next run writes the tick to both.
    await regenerate(build(files), [PAGE], vault(files, new Set()), { today: TODAY, write: true });
    expect([files.get(B), files.get(D)]).toEqual([noteB.replace("[ ]", "[x]"), note.replace("[ ]", "[x]")]);
  });

  // B40-A: cases of B39-B's and B39-G's rule (`TopDown`, the kept-tick warning) no test asked for.
  describe("a lower line overruled by a kept tick, further (B40-A)", () => {
    const cancelled = "- [-] send the deck ([[2025-11-01 - Call]])";
    const done = "- [x] Send the deck. ([[2025-11-01 - Call]])";

    it("the page not written (its write fails) or, in a dry run, left as it is: both lines stay on it, so only a dry run, whose page would lose the lower line, says it dropped", async () => {
      // README: the warning is said once the page is written over the line; a page left as it is still
      // shows both lines, and the next run meets them again.
      for (const mode of ["page write fails", "dry run"] as const) {
        const { files, call, line } = await deckOnPage();
        files.set(PAGE, files.get(PAGE)!.replace(line, `${cancelled}\n${done}`));
        const before = files.get(PAGE);
        const io = vault(files, new Set([call]));
        const dry = mode === "dry run";
        const r = await regenerate(build(files), [PAGE], {
          ...io,
          write: async (p, expected, next) => {
            if (p === PAGE) throw new Error("EROFS: read-only file system");
            return io.write(p, expected, next);
          },
        }, { today: TODAY, write: !dry });
        expect(files.get(PAGE), mode).toBe(before);
        const unread = { file: call, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" };
        expect(r.warnings, mode).toEqual(
          dry ? [unread, { file: PAGE, message: overruled("-", "x", `as ${call} would not be written `, done) }] : [unread, { file: PAGE, message: "not written (EROFS: read-only file system)" }],
        );
      }
    });

    it("the task closed in its note while the page is written, the index following it (as the plugin's does, mid-round): no line is said to be kept ticked", async () => {
      // The plugin's round renders from the live index, which takes a note's change as soon as
      // Obsidian reports it. Here the call, unreadable when the round tried it, is read again with its
      // task closed (the user closed it there) while the round writes the page, and the user adds a
      // note of their own to the page meanwhile: the write is refused, the page read again, and the
      // page written then shows the task no more. Neither line's tick is kept, so none is said kept
      // (B39-G's rule), though the first rendering, refused, showed it.
      const { files, call, line } = await deckOnPage();
      files.set(PAGE, files.get(PAGE)!.replace(line, `${cancelled}\n${done}`));
      const index = build(files);
      const io = vault(files, new Set([call]));
      const own = "\n## My notes\n\nCall back on Monday.\n";
      const closed = "Call with [[Acme]].\n\n- [x] send the deck\n";
      let changed = false;
      const r = await regenerate(index, [PAGE], {
        ...io,
        write: async (p, expected, next) => {
          if (p === PAGE && !changed) {
            changed = true;
            files.set(PAGE, files.get(PAGE)! + own);
            files.set(call, closed);
            index.set(call, closed);
          }
          return io.write(p, expected, next);
        },
      }, { today: TODAY, write: true });
      expect(changed).toBe(true);
      expect(r.warnings).toEqual([{ file: call, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" }]);
      expect(files.get(PAGE)).toContain("## Open Tasks\n\n## Account Status");
      expect(files.get(PAGE)!.endsWith(own)).toBe(true);
      expect(files.get(call)).toBe(closed);
    });

    it("source links off, a task whose text in its note ends in a Tasks done date (reopened by hand): its kept tick is found on the page's line by the line's whole text, and the lower line is said dropped", async () => {
      // Source links off, what a tool appends to a page's line is cut from it to read its task
      // (`✅ 2025-10-01` here, though the note's own): the task's key is then the line's whole text,
      // by which keepTicks finds the line the page keeps ticked, and by which the warning must too.
      const settings = { ...DEFAULT_SETTINGS, sourceLinks: false };
      const call = "Meetings/2025-11-01 - Call.md";
      const files = new Map([
        [PAGE, "# Acme\n"],
        [call, "Call with [[Acme]].\n\n- [ ] send the deck ✅ 2025-10-01\n"],
      ]);
      await regenerate(build(files, settings), [PAGE], vault(files, new Set()), { today: TODAY, write: true });
      const line = "send the deck ✅ 2025-10-01";
      expect(files.get(PAGE)).toContain(`## Open Tasks\n\n- [ ] ${line}\n\n`);
      files.set(PAGE, files.get(PAGE)!.replace(`- [ ] ${line}`, `- [-] ${line}\n- [x] ${line}`));
      const r = await regenerate(build(files, settings), [PAGE], vault(files, new Set([call])), { today: TODAY, write: true });
      expect(r.warnings).toEqual([
        { file: call, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" },
        { file: PAGE, message: overruled("-", "x", `as ${call} was not written `, `- [x] ${line}`) },
      ]);
      expect(files.get(PAGE)).toContain(`## Open Tasks\n\n- [-] ${line}\n\n`);
    });

    it("a lower line with spaces after its text: quoted without them, as every dropped tick is", async () => {
      const { files, call, line } = await deckOnPage();
      files.set(PAGE, files.get(PAGE)!.replace(line, `${cancelled}\n${done}   `));
      const r = await regenerate(build(files), [PAGE], vault(files, new Set([call])), { today: TODAY, write: true });
      expect(r.warnings).toEqual([
        { file: call, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" },
        { file: PAGE, message: overruled("-", "x", `as ${call} was not written `, done) },
      ]);
      expect(files.get(PAGE)).toContain(`## Open Tasks\n\n${cancelled}\n\n`);
    });

    it("the kept tick's note holding its task twice: the note is named once", async () => {
      const call = "Meetings/2025-11-01 - Call.md";
      const files = new Map([
        [PAGE, "# Acme\n"],
        [call, "Call with [[Acme]].\n\n- [ ] send the deck\n- [ ] send the deck\n"],
      ]);
      await regenerate(build(files), [PAGE], vault(files, new Set()), { today: TODAY, write: true });
      // One line on the page for the text, standing for both tasks (§6).
      files.set(PAGE, files.get(PAGE)!.replace("- [ ] send the deck ([[2025-11-01 - Call]])", `${cancelled}\n${done}`));
      const r = await regenerate(build(files), [PAGE], vault(files, new Set([call])), { today: TODAY, write: true });
      expect(r.warnings).toEqual([
        { file: call, message: "cannot be read (permission denied (EACCES)); 2 task(s) left unticked" },
        { file: PAGE, message: overruled("-", "x", `as ${call} was not written `, done) },
      ]);
      expect(files.get(PAGE)).toContain(`## Open Tasks\n\n${cancelled}\n\n`);
    });

    it("the kept tick owed to two notes (one line standing for the task in both): both are named, the one the line names first, as their failures were met", async () => {
      const B = "Meetings/2025-11-01 - B.md";
      const D = "Meetings/2025-11-03 - D.md";
      const files = new Map([
        [PAGE, "# Acme\n"],
        [B, "Call with [[Acme]].\n\n- [ ] send the deck\n"],
        [D, "Call with [[Acme]].\n\n- [ ] send the deck\n"],
      ]);
      await regenerate(build(files), [PAGE], vault(files, new Set()), { today: TODAY, write: true });
      // §6: the text listed once, naming the newest note, D.
      const upper = "- [-] send the deck ([[2025-11-03 - D]])";
      const lower = "- [x] Send the deck. ([[2025-11-03 - D]])";
      files.set(PAGE, files.get(PAGE)!.replace("- [ ] send the deck ([[2025-11-03 - D]])", `${upper}\n${lower}`));
      const r = await regenerate(build(files), [PAGE], vault(files, new Set([B, D])), { today: TODAY, write: true });
      expect(r.warnings).toEqual([
        { file: D, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" },
        { file: B, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" },
        { file: PAGE, message: overruled("-", "x", `as ${D}, ${B} were not written `, lower) },
      ]);
      expect(files.get(PAGE)).toContain(`## Open Tasks\n\n${upper}\n\n`);
    });

    it("a line standing for two tasks, below a line of another status for one of them: it keeps its status for the other, and is not said dropped", async () => {
      // B39-G's vault: the kickoff's `Review [[#Plan]]` and the call's `Review [[Meetings/2025-11-01 -
      // Kickoff#Plan]]`, two lines on the page; the call's line also matches the kickoff's task through
      // the link's path form, so its tick is kept for both tasks' texts. The user put the kickoff's line
      // first, `[-]`, and the call's `[x]` below it; both notes unreadable. The call's line stands for
      // the call's task (no line above holds it): its tick stays on the page, and nothing is dropped.
      const K = "Meetings/2025-11-01 - Kickoff.md";
      const C = "Meetings/2025-11-02 - Call.md";
      const files = new Map([
        [PAGE, "# Acme\n"],
        [K, "Kickoff with [[Acme]].\n\n- [ ] Review [[#Plan]]\n\n# Plan\n"],
        [C, "Call with [[Acme]].\n\n- [ ] Review [[Meetings/2025-11-01 - Kickoff#Plan]]\n"],
      ]);
      await regenerate(build(files), [PAGE], vault(files, new Set()), { today: TODAY, write: true });
      const callLine = "Review [[Meetings/2025-11-01 - Kickoff#Plan]] ([[2025-11-02 - Call]])";
      const kickoffLine = "Review [[2025-11-01 - Kickoff#Plan]] ([[2025-11-01 - Kickoff]])";
      expect(files.get(PAGE)).toContain(`## Open Tasks\n\n- [ ] ${callLine}\n- [ ] ${kickoffLine}\n\n`);
      files.set(PAGE, files.get(PAGE)!.replace(`- [ ] ${callLine}\n- [ ] ${kickoffLine}`, `- [-] ${kickoffLine}\n- [x] ${callLine}`));
      // A note written since: the page changes, so the round writes it.
      files.set("Meetings/2025-11-03 - Next.md", "Next with [[Acme]].\n");
      const r = await regenerate(build(files), [PAGE], vault(files, new Set([K, C])), { today: TODAY, write: true });
      expect(r.warnings).toEqual([
        { file: K, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" },
        { file: C, message: "cannot be read (permission denied (EACCES)); 1 task(s) left unticked" },
      ]);
      expect(files.get(PAGE)).toContain(`## Open Tasks\n\n- [x] ${callLine}\n- [-] ${kickoffLine}\n\n`);
    });
  });
});
