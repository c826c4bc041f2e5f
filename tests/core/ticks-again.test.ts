import { describe, expect, it } from "vitest";
import { ticksAgain } from "../../src/core/regenerate";
import type { Tick } from "../../src/core/writeback";

/** A tick of `line` read as `wanted`; each read of its `wanted` counted in `reads`. */
function tick(line: string, wanted: string, reads: { n: number }): Tick {
  const t: Tick = { page: "Customers/Acme.md", line, status: "x", wanted, sources: [], named: null };
  return new Proxy(t, {
    get(target, key, receiver) {
      if (key === "wanted") reads.n++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

describe("ticksAgain on a page of many identical task lines, none left on its place (B36-K)", () => {
  it("pairs them by line with work linear in their number, not quadratic", () => {
    // 5,000 identical ticked lines; the page read again has a line typed above and one below them
    // (no line keeps its place), and each line now reads as another task (the sources' closed tasks
    // changed meanwhile), so no tick is read again as the same task: all are paired by line alone.
    const n = 5000;
    const reads = { n: 0 };
    const line = "- [x] Send plan";
    const read = Array.from({ length: n }, () => tick(line, "send plan", reads));
    const now = Array.from({ length: n }, () => tick(line, "send plan 2025-06-20", reads));
    const same = Array.from({ length: n }, () => ({ ticked: true, text: "Send plan" }));
    const was = ticksAgain(read, same, now, [{ ticked: false, text: "Top" }, ...same, { ticked: false, text: "Bottom" }]);
    // Each tick read again is the first read's tick in the same order (by line, in order), none twice.
    expect(was.every((t, j) => t === read[j])).toBe(true);
    // Each tick's task read a bounded number of times: 5,000 × 5,000 / 2 before (a scan per tick).
    expect(reads.n).toBeLessThanOrEqual(4 * n);
  });

  it("still pairs a tick read again as the same task first, then by line, in order", () => {
    const reads = { n: 0 };
    const l = "- [x] Send plan ✅ 2025-06-20";
    // The first read: the plain task's Tasks tick, then the dated task's; no line on its place.
    const read = [tick(l, "plain", reads), tick(l, "dated", reads)];
    const lines = [{ ticked: true, text: "Send plan" }, { ticked: true, text: "Send plan" }];
    // Read again: one line, read as the dated task, and a line typed above and below it.
    const now = [tick(l, "dated", reads)];
    const was = ticksAgain(read, lines, now, [{ ticked: false, text: "Top" }, { ticked: true, text: "Send plan" }, { ticked: false, text: "Bottom" }]);
    expect(was).toEqual([read[1]]);
    expect(was[0]).toBe(read[1]);
    // Two lines read again, the first as another task: the dated one first by task, the other by line.
    const now2 = [tick(l, "other", reads), tick(l, "dated", reads)];
    const was2 = ticksAgain(read, lines, now2, [{ ticked: false, text: "Top" }, ...lines, { ticked: false, text: "Bottom" }]);
    expect(was2[0]).toBe(read[0]);
    expect(was2[1]).toBe(read[1]);
  });
});

describe("ticksAgain: a tick's place, as its doc states it (B37-B)", () => {
  const t = (line: string, wanted: string, status = "x"): Tick => ({ page: "Customers/Acme.md", line, status, wanted, sources: [], named: null });
  const open = (text: string) => ({ ticked: false, text });
  const ticked = (text: string) => ({ ticked: true, text });
  const L = "- [x] Send plan \u2705 2025-06-20";

  it("as many task lines as before: each keeps its place, even with the lines above and below it retyped", () => {
    // The plain task's Tasks tick taken back on its place, and the dated task's line (its own date
    // today) clicked below it: that line is a tick made meanwhile, not the one taken back, though it
    // reads the same. The first and last lines were retyped, so no line before or after is the same.
    const read = [t(L, "send plan")];
    const now = [t(L, "send plan \u2705 2025-06-20")];
    const was = ticksAgain(read, [open("Top"), ticked("Send plan"), open("Send plan"), open("End")], now, [open("Top, retyped"), open("Send plan"), ticked("Send plan"), open("End, retyped")]);
    expect(was).toEqual([undefined]);
  });

  it("a line added below: the lines before it keep their places, the tick on the first line is still its tick", () => {
    const read = [t(L, "send plan")];
    const now = [t(L, "send plan")];
    expect(ticksAgain(read, [ticked("Send plan"), open("Send plan")], now, [ticked("Send plan"), open("Send plan"), open("Send plan")])[0]).toBe(read[0]);
  });

  it("a line added in the middle: a tick taken back on its place before it is not the line ticked anew after it", () => {
    const read = [t(L, "send plan")];
    const now = [t(L, "send plan \u2705 2025-06-20")];
    expect(ticksAgain(read, [ticked("Send plan"), open("Send plan"), open("End")], now, [open("Send plan"), ticked("Send plan"), open("Added"), open("End")])).toEqual([undefined]);
  });

  it("two lines swapped, the other one cancelled meanwhile: the ticked line, moved, is still its tick", () => {
    const read = [t(L, "send plan")];
    const now = [t("- [-] Book demo", "book demo", "-"), t(L, "send plan")];
    const was = ticksAgain(read, [ticked("Send plan"), open("Book demo")], now, [ticked("Book demo"), ticked("Send plan")]);
    expect(was).toEqual([undefined, read[0]]);
  });

  it("source links off: a tick whose status was changed on its place is no other line of its text", () => {
    // `[x]` made `[-]` on its place (the Tasks plugin's ✅ made ❌), and a line of its text ticked
    // below reading as it: that line is a tick made meanwhile.
    const read = [t(L, "send plan")];
    const now = [t("- [-] Send plan \u274C 2025-06-20", "send plan", "-"), t(L, "send plan \u2705 2025-06-20")];
    expect(ticksAgain(read, [ticked("Send plan"), open("Send plan")], now, [ticked("Send plan"), ticked("Send plan")])).toEqual([undefined, undefined]);
  });

  it("by line alone, a tick of the first read paired by task is not paired again: each is one tick read again", () => {
    // No place holds its line (the lines were retyped around them): the dated task's tick is found by
    // line and task, the line read as another task takes the one left of that line.
    const read = [t(L, "dated"), t(L, "plain")];
    const now = [t(L, "other"), t(L, "dated")];
    const was = ticksAgain(read, [ticked("Send plan"), ticked("Send plan")], now, [open("Top"), ticked("Send plan"), ticked("Send plan"), open("End")]);
    expect(was[0]).toBe(read[1]);
    expect(was[1]).toBe(read[0]);
  });

  it("source links off: another line on a tick's place that reads as its task is not that tick", () => {
    // A click taken back and the line ticked again by the Tasks plugin (its date stamped): only the
    // very line is the tick (B36-K), and pairing is by line, so it is a tick made meanwhile.
    const read = [t("- [x] Send plan", "send plan")];
    const now = [t(L, "send plan")];
    expect(ticksAgain(read, [ticked("Send plan")], now, [ticked("Send plan")])).toEqual([undefined]);
  });

  it("source links on: a place holding its line taken back, or of another status, holds no tick of the first read, and no copy of the line elsewhere is it", () => {
    const M = "- [x] Send plan ([[2025-06-01]])";
    const read = [t(M, "send plan ([[2025-06-01]])")];
    // Unticked on its place, a copy of the line ticked below it.
    expect(ticksAgain(read, [ticked("Send plan ([[2025-06-01]])"), open("Book demo ([[2025-06-01]])")], [t(M, "send plan ([[2025-06-01]])")], [open("Send plan ([[2025-06-01]])"), ticked("Send plan ([[2025-06-01]])")], true)).toEqual([undefined]);
    // Its box made `[-]` on its place.
    const changed = [t("- [-] Send plan ([[2025-06-01]])", "send plan ([[2025-06-01]])", "-")];
    expect(ticksAgain(read, [ticked("Send plan ([[2025-06-01]])")], changed, [ticked("Send plan ([[2025-06-01]])")], true)).toEqual([undefined]);
    // The same status, its Tasks date added: still its tick.
    const dated = [t("- [x] Send plan ([[2025-06-01]]) \u2705 2025-06-20", "send plan ([[2025-06-01]])")];
    expect(ticksAgain(read, [ticked("Send plan ([[2025-06-01]])")], dated, [ticked("Send plan ([[2025-06-01]])")], true)[0]).toBe(read[0]);
  });
});
