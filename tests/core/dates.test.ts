// §4 Dates: forms, rule order, invalid dates, sort rank, "not after today", display.
import { describe, expect, it } from "vitest";
import {
  dateFromBasename,
  dateFromValue,
  dateRank,
  dayNumber,
  formatDate,
  notAfter,
  parseIsoDay,
  type NoteDate,
} from "../../src/core/dates";
import fc from "fast-check";
import { parseFrontmatter } from "../../src/core/frontmatter";
import { noteDate } from "../../src/core/note";
import { compareNotes } from "../../src/core/page";

const D = (year: number, month: number, day: number | null = null): NoteDate => ({ year, month, day });
const show = (d: NoteDate | null): string => formatDate(d);

describe("basename forms (§4 rule 2)", () => {
  it.each([
    ["2025-10-22", "2025-10-22"],
    ["2025-10-22 - Northstar kickoff", "2025-10-22"],
    ["2025-12-18 1303 - New Recording", "2025-12-18"],
    ["2025-10-22T10-30 call", "2025-10-22"],
    ["20251022", "2025-10-22"],
    ["20251022 standup", "2025-10-22"],
    ["Oct 22nd, 2025", "2025-10-22"],
    ["October 1st, 2025", "2025-10-01"],
    ["Sept 3, 2025", "2025-09-03"],
    ["Sep 3, 2025", "2025-09-03"],
    ["oct 22, 2025", "2025-10-22"],
    ["DECEMBER 3RD, 2025", "2025-12-03"],
    ["May 2nd, 2024", "2024-05-02"],
    ["Feb 29th, 2024", "2024-02-29"],
    ["Aug 23rd, 2025", "2025-08-23"],
    // The Roam form as people type it (README): a zero-padded day, other spaces, any ordinal.
    ["Jun 03, 2024", "2024-06-03"],
    ["Oct  5, 2025", "2025-10-05"],
    ["Oct 22nd,2025", "2025-10-22"],
    ["Oct 1th, 2025", "2025-10-01"],
    ["2025-10 - OpenAI Tasks", "2025-10"],
    ["2025-10", "2025-10"],
    ["2025-10 Tasks", "2025-10"],
    ["OpenAI sync 2025-10-22", "2025-10-22"],
    ["Sync (2025-10-22)", "2025-10-22"],
    ["v2 notes 2025-10-22 final", "2025-10-22"],
  ])("%s → %s", (name, expected) => {
    expect(show(dateFromBasename(name))).toBe(expected);
  });

  it.each([
    ["2025-10-223", "yyyy-MM-dd followed by a digit"],
    ["202510221", "yyyyMMdd followed by a digit"],
    ["2025-10-5 notes", "single-digit day"],
    ["Oct 22nd, 2025 notes", "Roam name with more text"],
    ["Notes Oct 22nd, 2025", "Roam name after text"],
    ["Oct 22nd 2025", "Roam name without the comma"],
    ["Foo 3, 2025", "not a month name"],
    ["v12025-10-22", "date preceded by a digit"],
    ["Meeting notes", "no date"],
    ["2025", "a year"],
    ["2025-1 - x", "single-digit month"],
  ])("%s: unknown (%s)", (name) => {
    expect(dateFromBasename(name)).toBeNull();
  });

  it("month precision is a date without a day", () => {
    expect(dateFromBasename("2025-10 - OpenAI Tasks")).toEqual(D(2025, 10));
    expect(dateFromBasename("2025-10-22")).toEqual(D(2025, 10, 22));
  });

  it("yyyy-MM followed by `-` and a digit is not month precision", () => {
    // "2025-10-5x": neither a full date nor a month.
    expect(dateFromBasename("2025-10-5x")).toBeNull();
  });

  it("forms are tried in order: the month form before a full date later in the name", () => {
    expect(show(dateFromBasename("2025-10 - follow-up of 2025-09-30"))).toBe("2025-10");
  });
});

describe("invalid calendar dates are skipped (§4)", () => {
  it.each([
    ["2025-02-30", null],
    ["2025-02-29", null],
    ["2025-13-01", null],
    ["2025-00-10", null],
    ["20250230", null],
    ["2025-13 - Plan", null],
    ["2025-00 - Plan", null],
    ["Feb 30th, 2025", null],
    ["Oct 32, 2025", null],
    ["Feb 29, 2025", null],
  ])("%s → unknown", (name, expected) => {
    expect(dateFromBasename(name)).toBe(expected);
  });

  it("an invalid date at the start falls through to a valid date later in the name", () => {
    expect(show(dateFromBasename("2025-02-30 - moved to 2025-03-02"))).toBe("2025-03-02");
  });

  it("an invalid date later in the name is skipped for the next valid one", () => {
    expect(show(dateFromBasename("Sync 2025-02-30 and 2025-03-01"))).toBe("2025-03-01");
  });

  it("an invalid full date at the start does not become its month", () => {
    // "2025-02-30": yyyy-MM is followed by `-` and a digit, so the month form does not apply.
    expect(dateFromBasename("2025-02-30 - Plan")).toBeNull();
  });
});

describe("frontmatter values (§4 rules 1 and 3)", () => {
  it.each([
    ["2025-10-22", "2025-10-22"],
    ["2025-10-22T10:30:00Z", "2025-10-22"],
    ["2025-10-22T23:30:00-05:00", "2025-10-22"],
    ["2025-10-22T00:30:00+14:00", "2025-10-22"],
    ["2025-10-22 10:30", "2025-10-22"],
    ["20251022", "2025-10-22"],
    ["Oct 22nd, 2025", "2025-10-22"],
    ["October 22, 2025", "2025-10-22"],
    ["2025-10", "2025-10"],
    ["  2025-10-22  ", "2025-10-22"],
    ["[[2025-10-22]]", "2025-10-22"],
    ["[[Daily/2025-10-22|Wednesday]]", "2025-10-22"],
    ["[[Oct 22nd, 2025]]", "2025-10-22"],
    ["[[2025-10-22 - Northstar kickoff]]", "2025-10-22"],
    ["[[2025-10-22#Notes]]", "2025-10-22"],
  ])("%s → %s", (value, expected) => {
    expect(show(dateFromValue(value))).toBe(expected);
  });

  it.each(["soon", "2025-02-30", "[[Kickoff]]", "", "2025-13", "Oct 32, 2025", "Constructor 5, 2025", "valueOf 5, 2025", "__proto__ 5, 2025"])("%s → unknown", (value) => {
    expect(dateFromValue(value)).toBeNull();
  });

  it("takes a date at the value's start, as a name starting so, but none further inside (README)", () => {
    expect(show(dateFromValue("2025-10-22 - Kickoff"))).toBe("2025-10-22");
    expect(dateFromValue("Met on 2025-10-22")).toBeNull();
    expect(show(dateFromValue("[[Met on 2025-10-22]]"))).toBe("2025-10-22");
  });
});

describe("rule order: date → meeting_date → basename → created (§4)", () => {
  const fm = (yaml: string) => parseFrontmatter(`---\n${yaml}---\n`).data;

  it("date wins over everything", () => {
    expect(show(noteDate(fm("date: 2025-01-02\nmeeting_date: 2025-03-04\ncreated: 2025-05-06\n"), "2025-07-08 - x"))).toBe("2025-01-02");
  });

  it("meeting_date when there is no date", () => {
    expect(show(noteDate(fm("meeting_date: 2025-03-04\ncreated: 2025-05-06\n"), "2025-07-08 - x"))).toBe("2025-03-04");
  });

  it("the basename before created", () => {
    expect(show(noteDate(fm("created: 2025-05-06\n"), "2025-07-08 - x"))).toBe("2025-07-08");
  });

  it("created when nothing else has a date", () => {
    expect(show(noteDate(fm("created: 2025-05-06T09:00:00\n"), "Architecture notes"))).toBe("2025-05-06");
    expect(show(noteDate(fm("created: '2026-01-03'\n"), "Architecture notes"))).toBe("2026-01-03");
  });

  it("an invalid date moves on to the next rule", () => {
    expect(show(noteDate(fm("date: 2025-02-30\nmeeting_date: 2025-03-04\n"), "x"))).toBe("2025-03-04");
    expect(show(noteDate(fm("date: someday\n"), "2025-07-08"))).toBe("2025-07-08");
    expect(show(noteDate(fm("date: 2025-02-30\ncreated: 2025-05-06\n"), "2025-02-31 - x"))).toBe("2025-05-06");
  });

  it("a wikilink value counts", () => {
    expect(show(noteDate(fm('date: "[[Oct 22nd, 2025]]"\n'), "x"))).toBe("2025-10-22");
    expect(show(noteDate(fm("date: [[2025-10-22]]\n"), "x"))).toBe("2025-10-22");
  });

  it("keys are matched ignoring case", () => {
    expect(show(noteDate(fm("Date: 2025-01-02\n"), "x"))).toBe("2025-01-02");
  });

  it("unknown when no rule gives a date", () => {
    expect(noteDate(fm("title: x\n"), "Architecture notes")).toBeNull();
    expect(show(noteDate(fm("title: x\n"), "Architecture notes"))).toBe("unknown");
  });
});

describe("sort order (§4)", () => {
  const n = (path: string, date: NoteDate | null) => ({ path, date });

  it("date descending; a month sorts as its first day, after a day on that day; unknown last; then path", () => {
    const notes = [
      n("u/b.md", null),
      n("m/month.md", D(2025, 10)),
      n("d/oct1.md", D(2025, 10, 1)),
      n("d/sep30.md", D(2025, 9, 30)),
      n("d/oct2.md", D(2025, 10, 2)),
      n("u/a.md", null),
      n("d/B-tie.md", D(2025, 10, 2)),
    ];
    const sorted = [...notes].sort(compareNotes).map((x) => x.path);
    expect(sorted).toEqual(["d/B-tie.md", "d/oct2.md", "d/oct1.md", "m/month.md", "d/sep30.md", "u/a.md", "u/b.md"]);
  });

  it("ties are broken by path in code-unit order (capitals first)", () => {
    const sorted = [n("a.md", null), n("Z.md", null), n("_.md", null)].sort(compareNotes).map((x) => x.path);
    expect(sorted).toEqual(["Z.md", "_.md", "a.md"]);
  });

  it("dateRank orders as the sort order", () => {
    expect(dateRank(D(2025, 10, 1))).toBeGreaterThan(dateRank(D(2025, 10)));
    expect(dateRank(D(2025, 10))).toBeGreaterThan(dateRank(D(2025, 9, 30)));
    expect(dateRank(D(2025, 9, 30))).toBeGreaterThan(dateRank(null));
    expect(dateRank(D(2026, 1, 1))).toBeGreaterThan(dateRank(D(2025, 12, 31)));
  });
});

describe("notAfter (§5 last contact)", () => {
  const today = D(2025, 10, 22);
  it("a day up to today is not after today", () => {
    expect(notAfter(D(2025, 10, 22), today)).toBe(true);
    expect(notAfter(D(2025, 10, 21), today)).toBe(true);
    expect(notAfter(D(2024, 12, 31), today)).toBe(true);
    expect(notAfter(D(2025, 10, 23), today)).toBe(false);
    expect(notAfter(D(2025, 11, 1), today)).toBe(false);
    expect(notAfter(D(2026, 1, 1), today)).toBe(false);
  });
  it("a month counts as that month", () => {
    expect(notAfter(D(2025, 10), today)).toBe(true);
    expect(notAfter(D(2025, 10), D(2025, 10, 1))).toBe(true);
    expect(notAfter(D(2025, 9), today)).toBe(true);
    expect(notAfter(D(2025, 11), today)).toBe(false);
  });
});

describe("formatDate and parseIsoDay", () => {
  it("shows yyyy-MM-dd, yyyy-MM, or unknown", () => {
    expect(formatDate(D(2025, 1, 5))).toBe("2025-01-05");
    expect(formatDate(D(2025, 1))).toBe("2025-01");
    expect(formatDate(null)).toBe("unknown");
  });
  it("parses --today", () => {
    expect(parseIsoDay("2026-01-01")).toEqual(D(2026, 1, 1));
    expect(parseIsoDay("2026-02-30")).toBeNull();
    expect(parseIsoDay("2026-1-1")).toBeNull();
    expect(parseIsoDay("2026-01-01x")).toBeNull();
  });
});

describe("calendar days, whatever the machine's time zone (§4: never through a time zone)", () => {
  const inZone = <T>(tz: string, f: () => T): T => {
    const before = process.env.TZ;
    process.env.TZ = tz;
    try {
      return f();
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  };

  it("a day that the local zone skipped is still a day", () => {
    // Samoa went from 2011-12-29 to 2011-12-31; Kiribati's Line Islands skipped 1994-12-31.
    for (const [tz, d] of [["Pacific/Apia", "2011-12-30"], ["Pacific/Kiritimati", "1994-12-31"]] as const) {
      inZone(tz, () => {
        expect(show(dateFromBasename(`${d} - Acme sync`))).toBe(d);
        expect(show(parseIsoDay(d))).toBe(d);
        expect(show(dateFromValue(d))).toBe(d);
      });
    }
  });

  it("years 0 to 99 are those years, not 1900 to 1999", () => {
    expect(show(dateFromBasename("0099-01-01 - old"))).toBe("0099-01-01");
    expect(show(parseIsoDay("0004-02-29"))).toBe("0004-02-29");
    expect(parseIsoDay("0099-02-29")).toBeNull();
  });

  it("leap years: every fourth, not centuries, but every fourth century", () => {
    expect(show(parseIsoDay("2024-02-29"))).toBe("2024-02-29");
    expect(show(parseIsoDay("2000-02-29"))).toBe("2000-02-29");
    expect(parseIsoDay("2023-02-29")).toBeNull();
    expect(parseIsoDay("1900-02-29")).toBeNull();
    expect(parseIsoDay("2025-04-31")).toBeNull();
    expect(show(parseIsoDay("2025-12-31"))).toBe("2025-12-31");
    expect(parseIsoDay("2025-00-10")).toBeNull();
    expect(parseIsoDay("2025-01-00")).toBeNull();
  });

  it("a date is valid exactly when UTC has it, for every year", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const utc = new Date(0);
        utc.setUTCFullYear(y, m - 1, d);
        const exists = utc.getUTCFullYear() === y && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d;
        const iso = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        expect(parseIsoDay(iso) !== null).toBe(exists);
      }),
      { numRuns: 2000 },
    );
  });

  it("dayNumber counts days since 1970-01-01 as UTC does", () => {
    expect(dayNumber({ year: 1970, month: 1, day: 1 })).toBe(0);
    expect(dayNumber({ year: 2000, month: 3, day: 1 })).toBe(11017);
    expect(dayNumber({ year: 2025, month: 10, day: null })).toBe(dayNumber({ year: 2025, month: 10, day: 1 }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        const utc = new Date(0);
        utc.setUTCFullYear(y, m - 1, d);
        expect(dayNumber({ year: y, month: m, day: d })).toBe(utc.getTime() / 86400000);
      }),
      { numRuns: 2000 },
    );
  });
});
