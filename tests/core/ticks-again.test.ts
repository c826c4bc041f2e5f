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
