// corpora/date-cases.json: dates in file names and frontmatter keys, against §4.
import { describe, expect, it } from "vitest";
import { dateFromBasename, formatDate } from "../../src/core/dates";
import { parseNote } from "../../src/core/note";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { basenameOf } from "../../src/core/text";
import { readJson } from "../helpers/corpora";

interface FilenameCase {
  filename: string;
  format: string;
  expected_date: string | null;
  notes?: string;
}

/**
 * §4 reads a fixed set of forms; the corpus also lists custom formats of other tools. Where §4
 * gives another answer, it is written here with the reason.
 */
const SPEC_DATES: Record<string, { date: string | null; reason: string }> = {
  "2023/January/2023-Jan-01.md": { date: null, reason: "yyyy-MMM-dd is not a form of §4" },
  "202401010945.md": { date: null, reason: "§4: yyyyMMdd must not be followed by a digit" },
  "2025-W43.md": { date: null, reason: "weeks are not a form of §4 (2025-W4 is no yyyy-MM)" },
  "2025-Q4.md": { date: null, reason: "quarters are not a form of §4" },
  "2025.md": { date: null, reason: "a bare year is not a form of §4" },
  "folder/prefix-20221022-suffix.md": { date: null, reason: "§4: yyyyMMdd only at the start of the name" },
  "2024, 6-13.md": { date: null, reason: "a custom format of the Tasks plugin, not a form of §4" },
  "January 22 2024.md": { date: null, reason: "§4's Roam form needs the comma: MMMM d, yyyy" },
  "2024/06/Monday, June 17th 2024.md": { date: null, reason: "a weekday and no comma before the year: not a form of §4" },
};

const data = readJson<{ filename_cases: FilenameCase[]; frontmatter_date_keys: Array<{ key: string }> }>("date-cases.json");

describe("date-cases.json: file names", () => {
  for (const c of data.filename_cases) {
    it(`${c.filename} (${c.format})`, () => {
      const want = c.filename in SPEC_DATES ? SPEC_DATES[c.filename]!.date : c.expected_date;
      const got = dateFromBasename(basenameOf(c.filename));
      expect(got === null ? null : formatDate(got)).toBe(want);
    });
  }
  it("covers every case", () => {
    expect(data.filename_cases.length).toBe(30);
    for (const name of Object.keys(SPEC_DATES)) expect(data.filename_cases.some((c) => c.filename === name)).toBe(true);
  });
});

describe("date-cases.json: frontmatter keys", () => {
  // §4 reads `date`, then `meeting_date`, then the name, then `created`; other keys are not dates of a note.
  const read = new Set(["date", "created"]);
  for (const { key } of data.frontmatter_date_keys) {
    it(`${key}`, () => {
      const k = key.split(/\s*[/(]/)[0]!.trim();
      const text = `---\n${/\s/.test(k) ? `"${k}"` : k}: 2024-05-25T15:17:00\n---\nBody.\n`;
      const { note } = parseNote("Notes/Undated note.md", text, DEFAULT_SETTINGS);
      expect(note.date === null ? null : formatDate(note.date)).toBe(read.has(k) ? "2024-05-25" : null);
    });
  }
});
