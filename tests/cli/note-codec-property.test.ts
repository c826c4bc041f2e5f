// The flat encoding that carries parsed notes from the parse workers (src/cli/note-codec.ts) gives
// back exactly what parseNote gave: every field, on every note of the corpora and on fuzzed notes.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeNote, NoteReader, type Flat } from "../../src/cli/note-codec";
import { parseNote, type ParsedNote } from "../../src/core/note";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { ROOT, SHARED } from "../helpers/vault";

function roundTrip(notes: readonly ParsedNote[]): ParsedNote[] {
  const flat: Flat = [];
  for (const n of notes) encodeNote(n, flat);
  // What postMessage does to it.
  const cloned = structuredClone(flat);
  const reader = new NoteReader(cloned);
  const out: ParsedNote[] = [];
  while (!reader.done) out.push(reader.next());
  return out;
}

function notesUnder(dir: string, rel = "", out: Array<{ path: string; text: string }> = []): Array<{ path: string; text: string }> {
  for (const name of readdirSync(join(dir, rel))) {
    const p = rel === "" ? name : `${rel}/${name}`;
    if (statSync(join(dir, p)).isDirectory()) notesUnder(dir, p, out);
    else if (name.endsWith(".md")) out.push({ path: p, text: readFileSync(join(dir, p), "utf8") });
  }
  return out;
}

describe("note codec", () => {
  it("gives back every note of the corpora, field by field", () => {
    const dirs = [join(ROOT, "examples", "vault"), join(ROOT, "tests", "fixtures")];
    if (SHARED !== undefined) dirs.push(join(SHARED, "corpora"), join(SHARED, "seed"));
    const notes = dirs.flatMap((d) => notesUnder(d)).map((f) => parseNote(f.path, f.text, DEFAULT_SETTINGS).note);
    expect(notes.length).toBeGreaterThan(100);
    expect(roundTrip(notes)).toStrictEqual(notes);
  });

  it("gives back fuzzed notes (property)", () => {
    const piece = fc.constantFrom(
      "\n", "\r\n", " ", "- ", "- [ ] ", "- [x] ", "1. ", "> ", "> [!info] Facts\n", "## Key Facts\n", "## Topics\n", "**Decisions:**\n",
      "`", "```\n", "%%", "<!--", "$$", "[[", "]]", "[[Acme]]", "[[#H]]", "![[img.png]]", "[t](Note.md)", "[t](https://x.y)", " ^abc",
      "#fact ", "❌ ", "é", "😀", "Acme", "2025-10-22", "\\", "|",
    );
    const fm = fc.constantFrom(
      "type: meeting\n", "type: person\n", "company: [[Acme]]\n", "aliases: [Acme Corp, AC]\n", "alias: A1\n", "date: 2025-10-01\n",
      "summary: \"x `y` [[Acme]]\"\n", "topics:\n  - Pricing\n  - \"[[Acme]]\"\n", "nested: {a: [1, {b: null}], c: ~}\n", "empty:\n", "bad: [\n",
      "tags: [a, b]\n", "1: one\n", "__proto__: x\n", "constructor: y\n",
    );
    const text = fc
      .tuple(fc.boolean(), fc.array(fm, { maxLength: 5 }), fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 50 }))
      .map(([hasFm, f, body]) => (hasFm ? `---\n${f.join("")}---\n` : "") + body.join(""));
    const path = fc.constantFrom("Meetings/2025-10-01 Sync.md", "Customers/Acme.md", "People/Ann Lee.md", "Notes/x.md", "a.md");
    fc.assert(
      fc.property(fc.array(fc.tuple(path, text), { minLength: 1, maxLength: 5 }), (files) => {
        const notes = files.map(([p, t]) => parseNote(p, t, DEFAULT_SETTINGS).note);
        expect(roundTrip(notes)).toStrictEqual(notes);
      }),
      { numRuns: 1000 },
    );
  });
});
