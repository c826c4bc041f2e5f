// §1 Frontmatter: where it is, how it is parsed, how values are read.
import { describe, expect, it } from "vitest";
import {
  asList,
  asStringList,
  collectStrings,
  findFrontmatter,
  isEmptyValue,
  parseFrontmatter,
  parseYamlFull,
} from "../../src/core/frontmatter";

const get = (text: string, key: string): unknown => parseFrontmatter(text).data.map.get(key);

describe("findFrontmatter: the block (§1)", () => {
  it("finds `---` … `---` at the top and reports offsets", () => {
    const text = "---\na: b\n---\nbody";
    const b = findFrontmatter(text)!;
    expect(b).not.toBeNull();
    expect(b.open).toBe(0);
    expect(text.slice(b.yamlStart, b.yamlEnd)).toBe("a: b\n");
    expect(text.slice(b.end)).toBe("body");
  });

  it("accepts a BOM before the opening line", () => {
    const text = "\uFEFF---\ntype: customer\n---\n# Acme\n";
    const b = findFrontmatter(text)!;
    expect(b.open).toBe(1);
    expect(text.slice(b.yamlStart, b.yamlEnd)).toBe("type: customer\n");
    expect(get(text, "type")).toBe("customer");
  });

  it("handles CRLF line endings", () => {
    const text = "---\r\ntype: customer\r\nstatus: Active\r\n---\r\nbody\r\n";
    const b = findFrontmatter(text)!;
    expect(text.slice(b.end)).toBe("body\r\n");
    expect(get(text, "type")).toBe("customer");
    expect(get(text, "status")).toBe("Active");
  });

  it("accepts a closing `---` followed by spaces", () => {
    const text = "---\na: b\n---   \nbody";
    const b = findFrontmatter(text)!;
    expect(b).not.toBeNull();
    expect(text.slice(b.end)).toBe("body");
    expect(get(text, "a")).toBe("b");
  });

  it("accepts a closing line at the very end of the file without a line break", () => {
    const text = "---\na: b\n---";
    const b = findFrontmatter(text)!;
    expect(b).not.toBeNull();
    expect(b.end).toBe(text.length);
    expect(get(text, "a")).toBe("b");
  });

  it("has no frontmatter without a closing line", () => {
    const text = "---\na: b\nbody text\n";
    expect(findFrontmatter(text)).toBeNull();
    const p = parseFrontmatter(text);
    expect(p.block).toBeNull();
    expect(p.error).toBeNull();
    expect(p.data.map.size).toBe(0);
  });

  it("has no frontmatter when `---` is not the first line", () => {
    expect(findFrontmatter("\n---\na: b\n---\n")).toBeNull();
    expect(findFrontmatter("# Title\n---\na: b\n---\n")).toBeNull();
  });

  it("does not take `----` or `---x` as the opening line", () => {
    expect(findFrontmatter("----\na: b\n----\n")).toBeNull();
    expect(findFrontmatter("---x\na: b\n---\n")).toBeNull();
  });

  it("does not take `...` or `--- x` as the closing line", () => {
    expect(findFrontmatter("---\na: b\n...\nbody\n")).toBeNull();
    expect(findFrontmatter("---\na: b\n--- x\nbody\n")).toBeNull();
  });

  it("ends at the first closing line", () => {
    const text = "---\na: b\n---\nc: d\n---\n";
    const p = parseFrontmatter(text);
    expect(p.data.entries).toEqual([["a", "b"]]);
  });

  it("takes an empty frontmatter as an empty mapping without error", () => {
    const p = parseFrontmatter("---\n---\nbody");
    expect(p.block).not.toBeNull();
    expect(p.error).toBeNull();
    expect(p.data.map.size).toBe(0);
    const q = parseFrontmatter("---\n\n   \n---\nbody");
    expect(q.error).toBeNull();
    expect(q.data.map.size).toBe(0);
    const r = parseFrontmatter("---\n# only a comment\n---\n");
    expect(r.error).toBeNull();
    expect(r.data.map.size).toBe(0);
  });
});

describe("parseFrontmatter: invalid or non-mapping YAML is empty with an error (§1)", () => {
  it.each([
    ["unclosed flow list", "---\nkey: [unclosed\n---\nbody"],
    ["bad indentation", "---\na: b\n  c: d\n e: f\n---\n"],
    ["a list document", "---\n- a\n- b\n---\n"],
    ["a scalar document", "---\njust some text\n---\n"],
    ["a quoted scalar document", "---\n\"text\"\n---\n"],
    ["duplicate keys", "---\na: 1\nb: 2\na: 3\n---\n"],
    ["duplicate keys, full parser path", "---\nmeta:\n  x: 1\nmeta: 2\n---\n"],
    ["a tab as indentation", "---\na:\n\t- b\n---\n"],
  ])("%s", (_name, text) => {
    const p = parseFrontmatter(text);
    expect(p.block).not.toBeNull();
    expect(typeof p.error).toBe("string");
    expect(p.error!.length).toBeGreaterThan(0);
    expect(p.data.map.size).toBe(0);
    expect(p.data.entries).toEqual([]);
  });

  it("nested more than 64 brackets or 512 spaces deep is invalid (README); exactly that deep is read", () => {
    const brackets = (n: number): string => `---\nx: ${"[".repeat(n)}${"]".repeat(n)}\n---\n`;
    const spaces = (n: number): string => `---\na:\n${" ".repeat(n)}b: 1\n---\n`;
    for (const text of [brackets(64), spaces(512)]) {
      const p = parseFrontmatter(text);
      expect(p.error).toBeNull();
      expect(p.data.map.size).toBe(1);
    }
    for (const text of [brackets(65), spaces(513)]) {
      const p = parseFrontmatter(text);
      expect(p.error).toBe("frontmatter nests too deeply");
      expect(p.data.map.size).toBe(0);
    }
  });

  it("parseYamlFull reports an error for duplicate keys, lists and scalars", () => {
    expect("error" in parseYamlFull("a: 1\na: 2\n")).toBe(true);
    expect("error" in parseYamlFull("- a\n")).toBe(true);
    expect("error" in parseYamlFull("text\n")).toBe(true);
    expect(parseYamlFull("")).toEqual({ entries: [] });
    expect(parseYamlFull("# c\n")).toEqual({ entries: [] });
  });
});

describe("parseFrontmatter: keys and values (§1)", () => {
  it("matches keys case-insensitively and keeps the spelling in entries", () => {
    const p = parseFrontmatter("---\nType: customer\nSTATUS: Active\n---\n");
    expect(p.data.map.get("type")).toBe("customer");
    expect(p.data.map.get("status")).toBe("Active");
    expect(p.data.entries.map(([k]) => k)).toEqual(["Type", "STATUS"]);
  });

  it("keeps scalars as written: numbers, dates, booleans", () => {
    const text = "---\nversion: 1.0\ndate: 2025-10-22\nflag: true\nno: False\nn: 010\nhex: 0x1F\ne: 1e3\nat: 2025-10-22T23:30:00-05:00\n---\n";
    expect(get(text, "version")).toBe("1.0");
    expect(get(text, "date")).toBe("2025-10-22");
    expect(get(text, "flag")).toBe("true");
    expect(get(text, "no")).toBe("False");
    expect(get(text, "n")).toBe("010");
    expect(get(text, "hex")).toBe("0x1F");
    expect(get(text, "e")).toBe("1e3");
    expect(get(text, "at")).toBe("2025-10-22T23:30:00-05:00");
  });

  it("keeps scalars as written on the full-parser path too (nested maps force it)", () => {
    const text = "---\nmeta:\n  inner: x\nversion: 1.0\ndate: 2025-10-22\nflag: true\nlist:\n  - 1.50\n  - 2025-01-02\n---\n";
    expect(get(text, "version")).toBe("1.0");
    expect(get(text, "date")).toBe("2025-10-22");
    expect(get(text, "flag")).toBe("true");
    expect(get(text, "list")).toEqual(["1.50", "2025-01-02"]);
    expect(get(text, "meta")).toEqual({ inner: "x" });
  });

  it("reads quoted scalars without their quotes", () => {
    const text = "---\na: 'it''s'\nb: \"x: y # z\"\nc: '1.0'\n---\n";
    expect(get(text, "a")).toBe("it's");
    expect(get(text, "b")).toBe("x: y # z");
    expect(get(text, "c")).toBe("1.0");
  });

  it("reads every null form as null, and an empty string as a string", () => {
    const text = "---\na:\nb: ~\nc: null\nd: Null\ne: NULL\nf: \"\"\ng: ''\n---\n";
    expect(get(text, "a")).toBeNull();
    expect(get(text, "b")).toBeNull();
    expect(get(text, "c")).toBeNull();
    expect(get(text, "d")).toBeNull();
    expect(get(text, "e")).toBeNull();
    expect(get(text, "f")).toBe("");
    expect(get(text, "g")).toBe("");
    // null forms are keys that exist
    expect(parseFrontmatter(text).data.map.has("a")).toBe(true);
  });

  it("drops a trailing comment from a plain value", () => {
    expect(get("---\nstatus: Active # since May\n---\n", "status")).toBe("Active");
  });

  it("reads lists in flow and block style", () => {
    const text = "---\naliases: [Acme, 'Acme Inc']\ntags:\n  - one\n  - two\nempty: []\n---\n";
    expect(get(text, "aliases")).toEqual(["Acme", "Acme Inc"]);
    expect(get(text, "tags")).toEqual(["one", "two"]);
    expect(get(text, "empty")).toEqual([]);
  });

  it("reads an unquoted `[[X]]` as the link string", () => {
    expect(get("---\ncompany: [[Acme]]\n---\n", "company")).toBe("[[Acme]]");
    expect(get("---\ncompany: [[Acme Corp|Acme]]\n---\n", "company")).toBe("[[Acme Corp|Acme]]");
  });

  it("reads unquoted links inside lists as link strings", () => {
    expect(get("---\norg:\n  - [[Acme]]\n  - \"[[Globex]]\"\n---\n", "org")).toEqual(["[[Acme]]", "[[Globex]]"]);
    expect(get("---\norg: [[[Acme]], [[Globex]]]\n---\n", "org")).toEqual(["[[Acme]]", "[[Globex]]"]);
  });

  it("keeps a quoted link as written", () => {
    expect(get('---\norg: ["[[Acme]]"]\n---\n', "org")).toEqual(["[[Acme]]"]);
    expect(get("---\ncompany: \"[[Acme]]\"\n---\n", "company")).toBe("[[Acme]]");
  });

  it("reads block scalars", () => {
    expect(get("---\nsummary: |\n  line one\n  line two\n---\n", "summary")).toBe("line one\nline two\n");
  });

  it("resolves YAML aliases and refuses self-referencing ones", () => {
    expect(get("---\na: &x hello\nb: *x\n---\n", "b")).toBe("hello");
  });

  it("two spellings of a key (Type: / type:) are different YAML keys, not duplicates", () => {
    const p = parseFrontmatter("---\nType: customer\ntype: person\n---\n");
    expect(p.error).toBeNull();
    expect(p.data.entries).toEqual([
      ["Type", "customer"],
      ["type", "person"],
    ]);
  });
});

describe("reading values", () => {
  it("asList: a scalar is a one-element list, null an empty one", () => {
    expect(asList(undefined)).toEqual([]);
    expect(asList(null)).toEqual([]);
    expect(asList("a")).toEqual(["a"]);
    expect(asList(["a", "b"])).toEqual(["a", "b"]);
  });

  it("asStringList: a list or a comma-separated string, trimmed, empties dropped", () => {
    expect(asStringList(" Acme , Acme Inc,, ")).toEqual(["Acme", "Acme Inc"]);
    expect(asStringList([" a ", "", "b", null])).toEqual(["a", "b"]);
    expect(asStringList(null)).toEqual([]);
    expect(asStringList(undefined)).toEqual([]);
  });

  it("collectStrings walks into lists and maps in order", () => {
    expect(collectStrings(["a", { x: "b", y: ["c", null] }, "d"])).toEqual(["a", "b", "c", "d"]);
  });

  it("isEmptyValue: null, empty, empty list and maps are empty; scalars and non-empty lists are not", () => {
    expect(isEmptyValue(null)).toBe(true);
    expect(isEmptyValue(undefined)).toBe(true);
    expect(isEmptyValue("")).toBe(true);
    expect(isEmptyValue("  ")).toBe(true);
    expect(isEmptyValue([])).toBe(true);
    expect(isEmptyValue({ a: "b" })).toBe(true);
    expect(isEmptyValue("0")).toBe(false);
    expect(isEmptyValue("false")).toBe(false);
    expect(isEmptyValue(["a"])).toBe(false);
  });
});
