// The fast path for simple frontmatter must agree with the `yaml` library (§1: YAML 1.2 core
// schema, scalars as written, duplicate keys invalid), or refuse and leave the text to it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseYamlFull } from "../../src/core/frontmatter";
import { parseSimpleYaml } from "../../src/core/yaml-fast";

/** The property: whenever the fast path accepts, the full parser accepts with the same entries. */
function agrees(text: string): boolean {
  const fast = parseSimpleYaml(text);
  if (fast === undefined) return true;
  const full = parseYamlFull(text);
  if ("error" in full) return false;
  expect(fast).toEqual(full.entries);
  return true;
}

// ---- generators ----

const ordinaryKey = fc.oneof(
  fc.constantFrom("type", "status", "company", "aliases", "tags", "date", "meeting_date", "Title", "owner", "last_contact"),
  fc.stringMatching(/^[a-z][a-z0-9_ .-]{0,8}[a-z0-9]$/),
  fc.constantFrom("café", "日付", "größe", "a\"b", "it's", "a[b", "a{b}", "x,y", "a!b", "k&v", "a*b", "a?b", "2025", "a-b"),
);

/** Characters that make scalars awkward: indicators, quotes, `:`, `#`, unicode, astral, combining. */
const awkwardChar = fc.constantFrom(
  "a", "b", "Z", "0", "7", " ", " ", ":", "#", "'", '"', "-", ",", "[", "]", "{", "}", "!", "&", "*", "|", ">",
  "%", "@", "`", "?", "~", ".", "\\", "/", "é", "日", "😀", "e\u0301", "ß", "\t", "=", "+", "(", ")",
);
const awkwardString = fc.string({ unit: awkwardChar, minLength: 0, maxLength: 12 });
const wordish = fc.constantFrom(
  "Acme", "Acme Inc", "1.0", "2025-10-22", "2025-10-22T10:00:00Z", "true", "false", "null", "~", "Null", "yes", "0x1F", "1e3",
  "-a", "?a", ":a", "a:b", "a#b", "it's", "say \"hi\"", "C#", "[[Acme]]", "x: y", "a #b", "---", "...", "- a", "",
);
const rawScalar = fc.oneof(awkwardString, wordish);

const singleQuoted = rawScalar.map((s) => `'${s.replace(/'/g, "''")}'`);
const doubleQuoted = rawScalar.map((s) => `"${s}"`);
const escapedDouble = rawScalar.map((s) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`);
const plainScalar = rawScalar;
const scalarToken = fc.oneof(plainScalar, singleQuoted, doubleQuoted, escapedDouble);

const comment = fc.oneof(fc.constant(""), awkwardString.map((s) => ` # ${s}`), awkwardString.map((s) => `#${s}`));

const flowList = fc.array(scalarToken, { maxLength: 4 }).chain((items) =>
  fc.constantFrom(", ", ",", " , ").map((sep) => `[${items.join(sep)}]`),
);

function entry(key: fc.Arbitrary<string>): fc.Arbitrary<string[]> {
  return fc.oneof(
    // key: value [# comment]
    fc.tuple(key, scalarToken, comment).map(([k, v, c]) => [`${k}: ${v}${c}`]),
    // key: [a, b]
    fc.tuple(key, flowList, comment).map(([k, v, c]) => [`${k}: ${v}${c}`]),
    // key: (nothing)
    fc.tuple(key, fc.constantFrom("", " ", "   ")).map(([k, s]) => [`${k}:${s}`]),
    // key: then a block list
    fc
      .tuple(
        key,
        fc.constantFrom("", "  ", "    ", " "),
        fc.array(fc.tuple(scalarToken, comment, fc.boolean()), { minLength: 1, maxLength: 4 }),
      )
      .map(([k, indent, items]) => [
        `${k}:`,
        ...items.flatMap(([v, c, blankAfter]) => [`${indent}- ${v}${c}`, ...(blankAfter ? [""] : [])]),
      ]),
  );
}

const extraLine = fc.oneof(fc.constant(""), fc.constant("   "), awkwardString.map((s) => `# ${s}`), fc.constant("#"));

function document(key: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(fc.tuple(entry(key), fc.array(extraLine, { maxLength: 2 })), { minLength: 0, maxLength: 6 }),
      fc.constantFrom("\n", "\r\n"),
      fc.boolean(),
    )
    .map(([entries, eol, finalEol]) => {
      const lines = entries.flatMap(([e, extra]) => [...e, ...extra]);
      return lines.join(eol) + (finalEol && lines.length > 0 ? eol : "");
    });
}

describe("parseSimpleYaml agrees with parseYamlFull or refuses (property)", () => {
  it("on simple frontmatter with ordinary keys and awkward values", () => {
    let accepted = 0;
    let total = 0;
    fc.assert(
      fc.property(document(ordinaryKey), (text) => {
        total++;
        if (parseSimpleYaml(text) !== undefined) accepted++;
        return agrees(text);
      }),
      { numRuns: 3000 },
    );
    // The fast path must actually take a good share of this simple input, or it is no fast path.
    // It takes ≈ 25 % (40 runs of 3,000: 706–792 accepted, mean 746), so a tenth (300) is far
    // below anything the generator gives by chance.
    expect(accepted).toBeGreaterThan(total / 10);
  });

  it("on keys that YAML reads as null, booleans or numbers", () => {
    const reservedKey = fc.constantFrom("null", "Null", "NULL", "true", "True", "false", "1", "01", "1.0", "0x1", "0o1", "+1", ".5");
    fc.assert(fc.property(document(fc.oneof(ordinaryKey, reservedKey)), (text) => agrees(text)), { numRuns: 3000 });
  });

  it("on values containing Unicode whitespace (no-break space, em space, ideographic space, BOM)", () => {
    const uniSpace = fc.constantFrom("\u00A0", "\u2003", "\u3000", "\uFEFF", "\u202F");
    const value = fc
      .tuple(fc.constantFrom("", "a", "Acme"), uniSpace, fc.constantFrom("", "b", "Inc"))
      .map(([a, s, b]) => `${a}${s}${b}`);
    fc.assert(
      fc.property(fc.tuple(ordinaryKey, value), ([k, v]) => agrees(`${k}: ${v}\n`)),
      { numRuns: 500 },
    );
  });
});

describe("parseSimpleYaml: examples", () => {
  it("accepts the plain shape and reads it as the yaml library does", () => {
    const text = "type: customer\naliases: [Acme, 'Acme Inc']\ntags:\n  - a\n  - b\nempty:\nversion: 1.0\n";
    expect(parseSimpleYaml(text)).toEqual([
      ["type", "customer"],
      ["aliases", ["Acme", "Acme Inc"]],
      ["tags", ["a", "b"]],
      ["empty", null],
      ["version", "1.0"],
    ]);
    expect(agrees(text)).toBe(true);
  });

  it("refuses (undefined) what it cannot read: nested maps, block scalars, unquoted links, duplicates", () => {
    expect(parseSimpleYaml("a:\n  b: c\n")).toBeUndefined();
    expect(parseSimpleYaml("a: |\n  text\n")).toBeUndefined();
    expect(parseSimpleYaml("a: [[X]]\n")).toBeUndefined();
    expect(parseSimpleYaml("a: 1\na: 2\n")).toBeUndefined();
    expect(parseSimpleYaml("- a\n")).toBeUndefined();
    expect(parseSimpleYaml("just text\n")).toBeUndefined();
  });

  it("a `null` key is read as YAML reads it (the key is null, i.e. \"\")", () => {
    expect(agrees("null: x\n")).toBe(true);
  });

  it("keys equal as YAML values (1 and 01) are duplicates: refuse, since the yaml library rejects them", () => {
    expect(agrees("1: a\n01: b\n")).toBe(true);
    expect(agrees("true: a\nTrue: b\n")).toBe(true);
  });

  it("a value with a no-break space at its edges keeps it, as the yaml library does", () => {
    expect(agrees("k: \u00A0a\n")).toBe(true);
    expect(agrees("k: a\u00A0\n")).toBe(true);
  });
});
