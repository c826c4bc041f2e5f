// Dates read from text as written (§4): never through a time zone — nor through JavaScript's Date,
// which checks a day in the machine's zone (a day the zone skipped, such as 2011-12-30 in Samoa,
// would not exist) and reads years 0–99 as 1900–1999.

export interface NoteDate {
  year: number;
  month: number;
  /** null for a month-precision date (`2025-10`). */
  day: number | null;
}

/** Larger is newer; a month sorts as its first day, just after a day-precision date on that day. */
export function dateRank(d: NoteDate | null): number {
  if (!d) return -1;
  return (d.year * 10000 + d.month * 100 + (d.day ?? 1)) * 2 + (d.day === null ? 0 : 1);
}

export function formatDate(d: NoteDate | null): string {
  if (!d) return "unknown";
  const mm = String(d.month).padStart(2, "0");
  const yyyy = String(d.year).padStart(4, "0");
  return d.day === null ? `${yyyy}-${mm}` : `${yyyy}-${mm}-${String(d.day).padStart(2, "0")}`;
}

/** A date is "not after today" (§5); a month counts as that month. */
export function notAfter(d: NoteDate, today: NoteDate): boolean {
  if (d.year !== today.year) return d.year < today.year;
  if (d.month !== today.month) return d.month < today.month;
  return d.day === null || today.day === null || d.day <= today.day;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in month m (1–12) of year y, in the proleptic Gregorian calendar. */
function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function day(y: number, m: number, d: number): NoteDate | null {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) ? { year: y, month: m, day: d } : null;
}

/** Days since 1970-01-01 (a month counts as its first day): for differences in calendar days. */
export function dayNumber(date: NoteDate): number {
  // Howard Hinnant's days_from_civil: whole-number arithmetic, valid for every year.
  const m = date.month;
  const y = date.year - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + (date.day ?? 1) - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function month(y: number, m: number): NoteDate | null {
  return m >= 1 && m <= 12 ? { year: y, month: m, day: null } : null;
}

// A Map: a word such as "constructor" in "Constructor 5, 2025" must not find Object.prototype's members.
const MONTHS = new Map<string, number>(
  Object.entries({
    jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
    jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
    november: 11, dec: 12, december: 12,
  }),
);

const ISO_START = /^(\d{4})-(\d{2})-(\d{2})(?!\d)/;
const COMPACT_START = /^(\d{4})(\d{2})(\d{2})(?!\d)/;
const ROAM = /^([A-Za-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,\s*(\d{4})$/i;
const MONTH_START = /^(\d{4})-(\d{2})(?!\d)(?!-\d)/;
const ISO_ANYWHERE = /(^|\D)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;

/** The forms of §4 rule 2 that describe a whole value; `anywhere` adds `yyyy-MM-dd` inside a name. */
function parseForms(s: string, anywhere: boolean): NoteDate | null {
  let m = ISO_START.exec(s);
  if (m) {
    const d = day(+m[1]!, +m[2]!, +m[3]!);
    if (d) return d;
  }
  m = COMPACT_START.exec(s);
  if (m) {
    const d = day(+m[1]!, +m[2]!, +m[3]!);
    if (d) return d;
  }
  m = ROAM.exec(s);
  if (m) {
    const mo = MONTHS.get(m[1]!.toLowerCase());
    if (mo !== undefined) {
      const d = day(+m[3]!, mo, +m[2]!);
      if (d) return d;
    }
  }
  m = MONTH_START.exec(s);
  if (m) {
    const d = month(+m[1]!, +m[2]!);
    if (d) return d;
  }
  if (anywhere) {
    ISO_ANYWHERE.lastIndex = 0;
    let a: RegExpExecArray | null;
    while ((a = ISO_ANYWHERE.exec(s)) !== null) {
      // The match may start with the non-digit before the date; step back onto it for the next one.
      ISO_ANYWHERE.lastIndex = a.index + a[1]!.length + 1;
      if (a.index + a[1]!.length === 0) continue;
      const d = day(+a[2]!, +a[3]!, +a[4]!);
      if (d) return d;
    }
  }
  return null;
}

/** §4 rule 2: the date in a note's basename. */
export function dateFromBasename(basename: string): NoteDate | null {
  return parseForms(basename, true);
}

/**
 * §4 rules 1 and 3: a frontmatter value that is a date in one of the forms, or a wikilink to a
 * note whose basename is one.
 */
export function dateFromValue(value: string): NoteDate | null {
  const s = value.trim();
  const link = /^\[\[([^\]|#]+)(?:[#|][^\]]*)?\]\]$/.exec(s);
  if (link) {
    const target = link[1]!.trim();
    const last = target.slice(target.lastIndexOf("/") + 1).replace(/\.md$/i, "");
    return parseForms(last, true);
  }
  return parseForms(s, false);
}

/** Parses `yyyy-MM-dd` (the CLI's `--today`). */
export function parseIsoDay(s: string): NoteDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? day(+m[1]!, +m[2]!, +m[3]!) : null;
}

export function todayFromClock(now: Date = new Date()): NoteDate {
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}
