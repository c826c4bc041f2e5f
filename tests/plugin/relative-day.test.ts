// The panel's "last contact" in words: whole calendar days between two written dates, never
// through the machine's time zone (spec §4).
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { relativeDay } from "../../src/plugin/panel-model";

const rel = (d: string, today: string): string | null => relativeDay(parseIsoDay(d), parseIsoDay(today)!);

describe("relativeDay", () => {
  it("today, yesterday, days ago and days ahead", () => {
    expect(rel("2025-08-01", "2025-08-01")).toBe("today");
    expect(rel("2025-07-31", "2025-08-01")).toBe("yesterday");
    expect(rel("2025-07-30", "2025-08-01")).toBe("2 days ago");
    expect(rel("2024-08-01", "2025-08-01")).toBe("365 days ago");
    expect(rel("2025-08-02", "2025-08-01")).toBe("in 1 day");
    expect(rel("2025-08-04", "2025-08-01")).toBe("in 3 days");
    expect(relativeDay(null, parseIsoDay("2025-08-01")!)).toBeNull();
    expect(relativeDay({ year: 2025, month: 7, day: null }, parseIsoDay("2025-08-01")!)).toBe("31 days ago");
  });

  it("counts calendar days even where the local zone skipped one", () => {
    const before = process.env.TZ;
    process.env.TZ = "Pacific/Apia"; // 2011-12-30 does not exist there
    try {
      expect(rel("2011-12-29", "2011-12-31")).toBe("2 days ago");
      expect(rel("2011-12-30", "2011-12-31")).toBe("yesterday");
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
