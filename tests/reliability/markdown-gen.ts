// A grammar of "anything a note may hold", for the fuzzer (scripts/fuzz.ts): headings, lists and
// tasks, quotes and callouts, fences (closed or not, in lists and quotes), comments and math (one
// line or many, closed or not), links of every form, tables, rules, frontmatter (valid, invalid,
// odd), unicode (RTL, emoji, combining marks, surrogate halves, NUL), CRLF or LF, a BOM. Unlike
// page-model.ts it makes no promise that a simple reader can follow it: the fuzzer checks the
// engine against itself (no exception, idempotent splice, no kept line lost, no slow run).
import fc from "fast-check";
import { SECTION_NAMES } from "./page-model";

const words = fc.constantFrom(
  "Acme",
  "acme",
  "Acme Corp",
  "Ann",
  "Rory",
  "meeting",
  "pricing",
  "Key Facts",
  "Facts",
  "Blockers",
  "Topics",
  "Decisions",
  "renewal",
  "2025-10-22",
  "Oct 22nd, 2025",
  // Members of every JavaScript object: a lookup in a plain object would find them.
  "Constructor",
  "__proto__",
  "toString",
  "שלום",
  "مرحبا",
  "数据中心",
  "カタカナ",
  "한국어",
  "ไทย",
  "😀",
  "👩🏽‍💻",
  "e\u0301",
  "\u200f",
  "\u00A0",
  "\u0000",
  "\uD800",
  "\uFEFF",
  "\t",
  "x",
);

const inline = fc.constantFrom(
  "[[Acme]]",
  "[[Acme|the client]]",
  "[[Acme#Key Facts]]",
  "[[Acme#^abc]]",
  "[[Ann]]",
  "[[#Heading]]",
  "[[People/Ann|A]]",
  "[[Acme\\|x]]",
  "![[Acme]]",
  "![[img.png]]",
  "[[",
  "]]",
  "[[a\nb]]",
  "[t](Acme.md)",
  "[t](<Acme Corp.md>)",
  "[t](Some%20Note.md)",
  "[t](Jo%23hn.md)",
  "[t](https://example.com/a_(b))",
  "![i](x.png)",
  "](",
  "[",
  "]",
  "`code`",
  "``a`b``",
  "`",
  "```",
  "%%c%%",
  "%%",
  "<!-- c -->",
  "<!--",
  "-->",
  "$$x$$",
  "$$",
  "$5",
  "**bold**",
  "**",
  "__u__",
  "_",
  "*",
  "~~s~~",
  "~~",
  "==h==",
  "==",
  "#fact",
  "#blocker/x",
  "#decision",
  "#opportunity",
  "#tag",
  "^block-1",
  " ^id",
  "\\",
  "\\[[x]]",
  "<b>html</b>",
  "|",
  "a|b",
  "https://x.y/z",
  "mailto:a@b.c",
  "✅",
  "❌",
  "⚠\uFE0F",
  "1.",
  "- ",
  ":",
  "---",
);

export const wildText: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: words },
        { weight: 2, arbitrary: inline },
        { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
        { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) },
      ),
      { maxLength: 8 },
    ),
    fc.boolean(),
  )
  .map(([xs, spaced]) => xs.join(spaced ? " " : ""));

const name = fc.oneof(fc.constantFrom(...SECTION_NAMES), fc.constantFrom(...SECTION_NAMES).map((n) => `**${n.toLowerCase()}:**`), wildText);

const indent = fc.constantFrom("", "", "", " ", "  ", "   ", "    ", "\t", "      ");

type Lines = string[];

const heading: fc.Arbitrary<Lines> = fc.oneof(
  fc.tuple(indent, fc.integer({ min: 1, max: 7 }), name, fc.constantFrom("", " #", " ##", "#")).map(([i, n, t, c]) => [`${i}${"#".repeat(n)} ${t}${c}`]),
  fc.tuple(name, fc.constantFrom("===", "---", "-", "= =", "- -")).map(([t, u]) => [t, u]),
  name.map((t) => [`**${t}**`]),
);

const listItem: fc.Arbitrary<Lines> = fc
  .tuple(indent, fc.constantFrom("- ", "* ", "+ ", "1. ", "2) ", "10. ", "-", "- [ ] ", "- [x] ", "- [-] ", "* [ ] ", "-\t"), wildText, fc.constantFrom("", "cont", "lazy", "nested", "fence", "quote"))
  .map(([i, m, t, extra]) => {
    const lines = [`${i}${m}${t}`];
    const pad = i + " ".repeat(m.length);
    if (extra === "cont") lines.push(`${pad}${t}`);
    if (extra === "lazy") lines.push(t);
    if (extra === "nested") lines.push(`${pad}- [ ] ${t}`);
    if (extra === "fence") lines.push(`${pad}\`\`\``, `${pad}## Key Facts`);
    if (extra === "quote") lines.push(`${pad}> ${t}`);
    return lines;
  });

const quote: fc.Arbitrary<Lines> = fc
  .array(
    fc.tuple(fc.integer({ min: 1, max: 4 }), fc.oneof(wildText, name.map((n) => `## ${n}`), name.map((n) => `[!info] ${n}`), fc.constant("[!NOTE]- "), listItem.map((l) => l[0]!), fc.constant("```"))),
    { minLength: 1, maxLength: 4 },
  )
  .map((ls) => ls.map(([d, t]) => `${">".repeat(d)} ${t}`));

const fence: fc.Arbitrary<Lines> = fc
  .tuple(indent, fc.constantFrom("```", "~~~", "````", "```js", "``` `x`", "~~~~"), fc.array(fc.oneof(wildText, heading.map((h) => h[0]!)), { maxLength: 3 }), fc.constantFrom("```", "~~~", "````", "", "   ```"))
  .map(([i, open, body, close]) => [`${i}${open}`, ...body, ...(close === "" ? [] : [close])]);

const multiline: fc.Arbitrary<Lines> = fc
  .tuple(fc.constantFrom(["%%", "%%"], ["<!--", "-->"], ["$$", "$$"], ["text %%", "%% text"], ["<!-- a", "b -->"]), fc.array(fc.oneof(wildText, heading.map((h) => h[0]!)), { maxLength: 3 }), fc.boolean())
  .map(([[o, c], body, closed]) => [o, ...body, ...(closed ? [c] : [])]);

const table: fc.Arbitrary<Lines> = fc.tuple(wildText, wildText).map(([a, b]) => [`| ${a} | ${b} |`, "|---|:-:|", `| ${b} | ${a} |`]);

const block: fc.Arbitrary<Lines> = fc.oneof(
  { weight: 4, arbitrary: heading },
  { weight: 4, arbitrary: fc.array(wildText, { minLength: 1, maxLength: 3 }) },
  { weight: 4, arbitrary: fc.array(listItem, { minLength: 1, maxLength: 4 }).map((xs) => xs.flat()) },
  { weight: 2, arbitrary: quote },
  { weight: 2, arbitrary: fence },
  { weight: 2, arbitrary: multiline },
  { weight: 1, arbitrary: table },
  { weight: 1, arbitrary: fc.constantFrom<Lines>(["---"], ["***"], ["___"], ["^abc"], [""], ["", ""], ["   "]) },
);

const fmValue = fc.oneof(
  wildText.map((t) => JSON.stringify(t)),
  fc.constantFrom("customer", "person", "meeting", "[[Acme]]", '"[[Acme]]"', "[Acme, B]", "[[Acme]], x", "2025-10-22", "'2025-10'", "[unclosed", "&a x", "*a", "{a: 1}", "|\n  block\n  text", "null", "~", "", "constructor", "__proto__", "Constructor 5, 2025"),
);
const frontmatter: fc.Arbitrary<Lines> = fc.oneof(
  fc.constant<Lines>([]),
  fc
    .array(fc.tuple(fc.constantFrom("type", "tags", "aliases", "company", "customer", "topics", "summary", "date", "last_contact", "Last_Contact", "status", "title", "role", "contacts", "mentions", "x"), fmValue), { maxLength: 6 })
    .map((kv) => ["---", ...kv.map(([k, v]) => `${k}: ${v}`), "---"]),
  fc.constantFrom<Lines>(["---", "- a", "---"], ["---", "scalar", "---"], ["---", "a: 1", "a: 2", "---"], ["---", "never closed"], ["---", "---"], ["--- ", "a: b", "---  "]),
);

/** A whole note: frontmatter, blocks, line endings (LF, CRLF, or mixed), a BOM, a final line break. */
export const wildNote: fc.Arbitrary<string> = fc
  .record({
    fm: frontmatter,
    blocks: fc.array(block, { maxLength: 14 }),
    seps: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
    eol: fc.constantFrom("\n", "\n", "\r\n", "mixed"),
    bom: fc.boolean(),
    final: fc.boolean(),
  })
  .map(({ fm, blocks, seps, eol, bom, final }) => {
    const lines = [...fm];
    blocks.forEach((b, k) => {
      lines.push(...b);
      if (seps[k]) lines.push("");
    });
    let text = "";
    lines.forEach((l, k) => {
      text += l;
      if (k < lines.length - 1 || final) text += eol === "mixed" ? (k % 2 === 0 ? "\r\n" : "\n") : eol;
    });
    return (bom ? "\uFEFF" : "") + text;
  });
