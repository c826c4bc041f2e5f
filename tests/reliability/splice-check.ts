// What §7 says splicePage must do to a page, checked from the outside with the independent reader
// of page-model.ts. `checkSplice` returns the problems it finds (empty: the splice is right).
import { DEFAULT_SETTINGS, DEFAULT_SECTION_NAMES, SECTION_IDS, type SectionId } from "../../src/core/settings";
import { splicePage } from "../../src/core/splice";
import { content, isBlank, layoutOf, yamlIsMapping, type Bodies, type GenFrontmatter, type OracleLayout } from "./page-model";

export function eolOf(text: string): "\n" | "\r\n" {
  const i = text.indexOf("\n");
  return i > 0 && text[i - 1] === "\r" ? "\r\n" : "\n";
}

const withEol = (line: string, eol: string): string => (line.endsWith("\n") ? line : line + eol);

/**
 * The body (everything after the frontmatter) that §7 describes, built from the oracle's reading;
 * `blocked` when a missing section was left out because its place is the end of a page that ends
 * inside an unclosed fence or comment (README, "Choices where the contract is silent").
 */
/**
 * The README's choice: a heading indented two or three spaces right after a managed body could
 * continue a list item of that body (CommonMark), so an empty comment line ends the body first.
 */
const SEPARATOR = "<!-- -->";
function listEndsBeforeIndentedHeading(body: readonly string[], nextHeading: string | undefined): boolean {
  return body.length > 0 && nextHeading !== undefined && /^[ \t]/.test(nextHeading);
}

export function expectedBody(layout: OracleLayout, bodies: Bodies, eol: string): { lines: string[]; blocked: boolean; added: Set<SectionId> } {
  let blocked = false;
  const added = new Set<SectionId>();
  // The page still ends inside the unclosed block after the splice only when the block lies in kept
  // text: the text before the first heading or an unmanaged section (a managed body is replaced).
  const last = layout.sections[layout.sections.length - 1];
  const openAfter = layout.page.openAtEnd && (last === undefined || last.id === null);
  interface S {
    level: number;
    id: SectionId | null;
    heading: string[] | null;
    body: string[];
  }
  const secs: S[] = layout.sections.map((s) => ({ level: s.heading.level, id: s.id, heading: s.headingLines, body: s.bodyLines }));
  SECTION_IDS.forEach((id, k) => {
    if (secs.some((s) => s.id === id)) return;
    if ((bodies[id] ?? []).length === 0) return;
    const fresh: S = { level: 2, id, heading: null, body: [] };
    added.add(id);
    for (let e = k - 1; e >= 0; e--) {
      const i = secs.findIndex((s) => s.id === SECTION_IDS[e]);
      if (i < 0) continue;
      const level = secs[i]!.level;
      let j = i + 1;
      while (j < secs.length && secs[j]!.level > level) j++;
      fresh.level = level;
      if (j === secs.length && openAfter) {
        blocked = true;
        added.delete(id);
      } else secs.splice(j, 0, fresh);
      return;
    }
    for (let e = k + 1; e < SECTION_IDS.length; e++) {
      const i = secs.findIndex((s) => s.id === SECTION_IDS[e]);
      if (i < 0) continue;
      fresh.level = secs[i]!.level;
      secs.splice(i, 0, fresh);
      return;
    }
    if (openAfter) {
      blocked = true;
      added.delete(id);
    } else secs.push(fresh);
  });
  const out: string[] = [...layout.preamble];
  const eolLast = (): void => {
    if (out.length > 0) out[out.length - 1] = withEol(out[out.length - 1]!, eol);
  };
  const trimTail = (): void => {
    while (out.length > 0 && isBlank(out[out.length - 1]!)) out.pop();
    eolLast();
  };
  for (let si = 0; si < secs.length; si++) {
    const s = secs[si]!;
    if (s.heading === null) {
      trimTail();
      out.push(eol, `${"#".repeat(s.level)} ${DEFAULT_SECTION_NAMES[s.id!]}${eol}`);
    } else {
      eolLast();
      out.push(...s.heading);
    }
    if (s.id === null) {
      out.push(...s.body);
      continue;
    }
    eolLast();
    const b = bodies[s.id] ?? [];
    out.push(eol);
    if (b.length > 0) {
      out.push(...b.map((l) => l + eol));
      if (listEndsBeforeIndentedHeading(b, secs[si + 1]?.heading?.[0])) out.push(SEPARATOR + eol);
      out.push(eol);
    }
  }
  trimTail();
  return { lines: out, blocked, added };
}

function show(lines: readonly string[]): string {
  return JSON.stringify(lines.join(""));
}

/**
 * Runs splicePage and checks (a) every byte outside managed bodies kept, in order, with only the
 * layout rule's blank-line changes; (b) idempotence; (c) managed bodies read back as given; (d) line
 * endings; and the frontmatter edit, the exact §7 layout, and the warnings.
 */
export function checkSplice(input: string, bodies: Bodies, lastContact: string, fm: GenFrontmatter | null): string[] {
  const problems: string[] = [];
  const result = splicePage(input, bodies, DEFAULT_SETTINGS, lastContact);
  const out = result.text;
  const eol = eolOf(input);
  const inL = layoutOf(input);
  const outL = layoutOf(out);

  // BOM.
  if (out.startsWith("\uFEFF") !== input.startsWith("\uFEFF")) problems.push("the BOM was added or lost");
  if ((out.match(/\uFEFF/g) ?? []).length !== (input.match(/\uFEFF/g) ?? []).length) problems.push("a U+FEFF appeared or went away");

  // Frontmatter (§7): edited as text, or added, or left alone when invalid.
  const inFm = inL.page.fm;
  let fmValid = true;
  let expectedFm: string[];
  if (inFm === null) {
    expectedFm = ["---" + eol, `last_contact: ${lastContact}${eol}`, "---" + eol];
  } else {
    const yaml = inFm.slice(1, -1).join("");
    fmValid = yamlIsMapping(yaml);
    if (fm !== null && (fm.kind === "valid") !== fmValid) throw new Error(`generator bug: frontmatter kind ${fm.kind} but valid=${fmValid}: ${JSON.stringify(yaml)}`);
    if (!fmValid) expectedFm = inFm.map((l) => withEol(l, eol));
    else if (fm !== null && fm.expected !== null) expectedFm = [fm.open + eol, ...fm.expected(lastContact).map((l) => l + eol), fm.close + eol];
    else expectedFm = [];
  }
  const outFm = outL.page.fm ?? [];
  if (expectedFm.length > 0 && show(outFm.map((l) => withEol(l, eol))) !== show(expectedFm)) {
    problems.push(`frontmatter: expected ${show(expectedFm)}, got ${show(outFm)}`);
  }

  // Which managed sections the page had, and which ones splicePage had to insert.
  const want = expectedBody(inL, bodies, eol);
  const present = new Set(inL.sections.flatMap((s) => (s.id !== null ? [s.id] : [])));
  // Sections whose place is inside an unclosed block at the end are left out (want.blocked).
  const inserted = want.added;
  const outIds = new Set(outL.sections.flatMap((s) => (s.id !== null ? [s.id] : [])));
  for (const id of SECTION_IDS) {
    const want = present.has(id) || inserted.has(id);
    if (want !== outIds.has(id)) problems.push(`section ${id}: expected ${want ? "present" : "absent"} in the output`);
  }

  // (a) Every part outside managed bodies, in order.
  const outBody = outL.page.body;
  const lastInLine = inL.page.body.length - 1;
  const insertedHeading = (line: string | undefined): boolean =>
    line !== undefined && [...inserted].some((id) => new RegExp(`^#{1,6} ${DEFAULT_SECTION_NAMES[id]}\\r?\\n$`).test(line));
  const generated = new Set<string>([eol, SEPARATOR + eol, ...Object.values(bodies).flatMap((b) => (b ?? []).map((l) => l + eol))]);
  const chunks: Array<{ lines: string[]; from: number; what: string }> = [];
  chunks.push({ lines: inL.preamble, from: 0, what: "text before the first heading" });
  for (const s of inL.sections) {
    chunks.push({ lines: s.headingLines, from: s.heading.start, what: `heading ${JSON.stringify(s.heading.name)}` });
    if (s.id === null) chunks.push({ lines: s.bodyLines, from: s.heading.end, what: `body of ${JSON.stringify(s.heading.name)}` });
  }
  let p = 0;
  const skipGenerated = (to: number, why: string): void => {
    for (let k = p; k < to; k++) {
      const l = outBody[k]!;
      if (!generated.has(l) && !insertedHeading(l) && !isBlank(l)) problems.push(`unexpected line ${JSON.stringify(l)} ${why}`);
    }
  };
  for (const c of chunks) {
    let n = c.lines.length;
    while (n > 0 && isBlank(c.lines[n - 1]!)) n--;
    const same = (k: number, q: number): boolean => {
      const a = c.lines[k]!;
      const b = outBody[q];
      if (b === undefined) return false;
      return a === b || (c.from + k === lastInLine && !a.endsWith("\n") && a + eol === b);
    };
    if (n > 0) {
      let q = p;
      for (; q + n <= outBody.length; q++) {
        let ok = true;
        for (let k = 0; k < n && ok; k++) ok = same(k, q + k);
        if (ok) break;
      }
      if (q + n > outBody.length) {
        problems.push(`(a) lost or moved: ${c.what} ${show(c.lines.slice(0, n))}`);
        return problems;
      }
      skipGenerated(q, `before ${c.what}`);
      p = q + n;
    }
    const tail = c.lines.slice(n);
    let exact = true;
    for (let k = 0; k < tail.length && exact; k++) exact = same(n + k, p + k);
    if (exact) p += tail.length;
    else {
      const rest = outBody.slice(p);
      const atInsertion = rest.length >= 2 && isBlank(rest[0]!) && insertedHeading(rest[1]);
      if (rest.length !== 0 && !atInsertion) problems.push(`(a) blank lines after ${c.what} changed where the layout rule does not allow it`);
    }
  }
  skipGenerated(outBody.length, "at the end");

  // (c) Each managed body reads back as the lines given.
  outL.sections.forEach((s, k) => {
    if (s.id === null) return;
    const got = s.bodyLines.map(content);
    const b = bodies[s.id] ?? [];
    const last = k === outL.sections.length - 1;
    const sep = !last && b.length > 0 && listEndsBeforeIndentedHeading(b, outL.sections[k + 1]?.headingLines[0]) ? [SEPARATOR] : [];
    const want = b.length > 0 ? ["", ...b, ...sep, ...(last ? [] : [""])] : last ? [] : [""];
    if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`(c) body of ${s.id}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  });

  // The exact layout of §7.
  if (show(outBody) !== show(want.lines)) problems.push(`layout: expected body ${show(want.lines)}, got ${show(outBody)}`);
  if (out !== "" && out !== "\uFEFF") {
    if (!out.endsWith(eol)) problems.push("the file does not end with its line break");
    else {
      const lines = out.split(/\r?\n/);
      if (lines.length >= 2 && isBlank(lines[lines.length - 2]!)) problems.push("the file ends with a blank line");
    }
  }

  // (d) Line endings: a CRLF page gets no bare LF, an LF page no CR.
  if (input.includes("\r\n") && !/(^|[^\r])\n/.test(input) && /(^|[^\r])\n/.test(out)) problems.push("(d) a bare LF in the output of a CRLF page");
  if (!input.includes("\r") && out.includes("\r")) problems.push("(d) a CR in the output of an LF page");

  // (b) Idempotence.
  const again = splicePage(out, bodies, DEFAULT_SETTINGS, lastContact).text;
  if (again !== out) problems.push(`(b) not idempotent: second splice gives ${JSON.stringify(again)}`);

  // Warnings: a duplicate managed name, invalid frontmatter, a section left out of an unclosed block,
  // a quote right under a managed heading with lines below it that repeat the section's (README).
  const wantWarnings = inL.duplicates > 0 || !fmValid || want.blocked || repeatsBelowQuote(inL, bodies);
  if ((result.warnings.length > 0) !== wantWarnings) problems.push(`warnings: expected ${wantWarnings ? "some" : "none"}, got ${JSON.stringify(result.warnings)}`);
  return problems;
}

/** A managed section with nothing in its body but blank lines, right above a quote holding lines equal to the new body's (a task's box aside). */
function repeatsBelowQuote(layout: OracleLayout, bodies: Bodies): boolean {
  const unticked = (line: string): string => content(line).trim().replace(/^([-*+]|\d{1,9}[.)])([ \t]+)\[[^\]]\]/, "$1$2[ ]");
  return layout.sections.some((s, k) => {
    const next = layout.sections[k + 1];
    const body = s.id === null ? [] : (bodies[s.id] ?? []);
    if (body.length === 0 || next === undefined || !next.heading.boundary || !/^ {0,3}>/.test(content(next.headingLines[0] ?? ""))) return false;
    if (!s.bodyLines.every(isBlank)) return false;
    const own = new Set(body.map(unticked));
    return [...next.headingLines, ...next.bodyLines].some((l) => unticked(l) !== "" && own.has(unticked(l)));
  });
}
