// @vitest-environment happy-dom
// Any Account Status value, drawn by the panel's renderer (renderPanel, Obsidian's DOM helpers on
// happy-dom, as the browser tests run it): it never throws, builds only the reading view's inline
// tags, never nested deeper than the twenty levels the renderer allows, makes web links only to
// http(s) and mailto and tag links only to the tag shown, and loses or doubles no character a
// value's markup does not account for.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PanelModel } from "../../src/plugin/panel-model";
import { renderPanel, type PanelHandlers } from "../../src/plugin/panel-render";
import { installDomHelpers, type AnyWindow } from "../fake-obsidian/dom-helpers";

installDomHelpers(window as unknown as AnyWindow);

const RUNS = { numRuns: 400 };
// The characters markdown reads in a table cell, and pieces that start its constructs, so that
// links, addresses, code spans, delimiter runs, comments, math, tags and entities meet each other often.
const ALPHABET = [..."*_~=`[]()!<>|#\\ :/.@wWhax&;%$1", "\n", "é", "日", "🙂", "\u00a0", "\u2014"];
const PIECES = ["http://", "HTTPS://", "www.", "mailto:", "a@b.co", "javascript:", "data:", "file:", "[[", "]]", "](", "**", "~~", "==", "<a@b.c>", "<http://x>", "<javascript:x>", "%%", "<!--", "-->", "&amp;", "&#35;", "&#x2a;", "&nosuch;", "#a", " #1", "$x$"];
const value = (alphabet: string[]): fc.Arbitrary<string> => fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((a) => a.join(""));
// Links and autolinks whole, to destinations of every scheme and case, among the rest.
const DESTS = ["http://x", "HTTP://x", "mailto:a@b.co", "MailTo:a", "javascript:alert(1)", "JavaScript:x", "data:text/html,x", "file:///etc", "vbscript:x", "Note.md", "Note", "#h", "<javascript:x>", "<http://x>", " http://x ", "//x", "www.x.co"];
const linked = fc
  .tuple(fc.constantFrom("", "!"), value(ALPHABET.slice(0, 12)), fc.constantFrom(...DESTS), fc.constantFrom("[", "<"))
  .map(([bang, label, dest, shape]) => (shape === "<" ? `<${dest.replace(/[<>]/g, "")}>` : `${bang}[${label}](${dest})`));
const anyValue = fc.oneof(
  value(ALPHABET),
  value([...ALPHABET, ...PIECES]),
  fc.array(fc.oneof(fc.constantFrom(...ALPHABET, ...PIECES), linked), { maxLength: 12 }).map((a) => a.join("")),
);

const TAGS = new Set(["EM", "STRONG", "DEL", "MARK", "CODE", "A"]);
const handlers: PanelHandlers = { link: () => {}, statusLink: () => {}, regenerate: () => {} };

/** The value drawn both ways the panel shows it: a customer's block and the list's badge. */
function drawn(v: string): HTMLElement[] {
  const models: PanelModel[] = [
    {
      mode: "customers",
      customers: [{ path: "Customers/Acme.md", name: "Acme", status: [["Status", v]], lastContact: "-", lastContactRelative: null, stale: false, counts: { openTasks: 0, blockers: 0, decisions: 0 }, recent: [], contacts: [] }],
    },
    { mode: "all", rows: [{ path: "Customers/Acme.md", name: "Acme", status: v, lastContact: "-", lastContactRelative: null, stale: false }] },
  ];
  const [dd, badge] = models.map((m) => {
    const container = document.createElement("div");
    renderPanel(container, m, handlers);
    return container.querySelector<HTMLElement>(m.mode === "customers" ? ".cp-status dd" : ".cp-badge-status");
  });
  // The list draws no badge for a status that shows nothing (all comment, B41-C): only then.
  if (badge === null) {
    expect(dd!.children).toHaveLength(0);
    expect(dd!.textContent!.trim()).toBe("");
    return [dd!];
  }
  return [dd!, badge!];
}

/** Elements nested inside `root`, at most (root itself not counted). */
function depth(root: Element): number {
  let max = 0;
  for (const e of Array.from(root.querySelectorAll("*"))) {
    let d = 0;
    for (let p: Element | null = e; p !== null && p !== root; p = p.parentElement) d++;
    max = Math.max(max, d);
  }
  return max;
}

describe("an Account Status value, whatever it holds, drawn by the panel", () => {
  it("never throws; only em, strong, del, mark, code and a, no deeper than twenty; web links only http(s) and mailto; a tag links only to itself", () => {
    fc.assert(
      fc.property(anyValue, (v) => {
        for (const el of drawn(v)) {
          for (const e of Array.from(el.querySelectorAll("*"))) expect(TAGS.has(e.tagName), `${e.tagName} in ${JSON.stringify(v)}`).toBe(true);
          expect(depth(el)).toBeLessThanOrEqual(20);
          for (const a of Array.from(el.querySelectorAll("a"))) {
            if (a.classList.contains("internal-link")) continue;
            // A tag (B41-C): its href is its text, `#` and no white space, not only digits; it holds no element.
            if (a.classList.contains("tag")) {
              expect(a.getAttribute("href")).toBe(a.textContent);
              expect(a.textContent).toMatch(/^#[^\s#]*[^\s#0-9][^\s#]*$/u);
              expect(a.children).toHaveLength(0);
              continue;
            }
            expect(a.classList.contains("external-link")).toBe(true);
            expect(a.getAttribute("href")).toMatch(/^(?:https?:\/\/|mailto:)/i);
            // A web link is never empty: there is something to click.
            expect(a.textContent).not.toBe("");
          }
        }
      }),
      RUNS,
    );
  });

  it("with no brackets, angle brackets, backslashes, backticks, & or %, the text shown is the value's with only emphasis, strikethrough and highlight marks taken out", () => {
    // What is left is links to web and e-mail addresses (their text as written) and delimiter runs:
    // pairing a run takes out its own characters and nothing else, the line breaks are the one
    // line of the table cell. (An entity is decoded and a `%%comment%%` hidden since B41-C: values
    // here hold no `&` or `%`. Math and tags keep their text: `$` and `#` are in.)
    const plain = ALPHABET.filter((c) => !"[]<>\\`&%".includes(c));
    const marks = /[*_~=]/g;
    fc.assert(
      fc.property(fc.oneof(value(plain), value([...plain, "http://", "www.", "mailto:", "a@b.co", "**", "~~", "=="])), (v) => {
        for (const el of drawn(v)) {
          const shown = el.textContent ?? "";
          expect(shown.replace(marks, "")).toBe(v.replace(/\n/g, " ").replace(marks, ""));
          // Marks are taken out, never added.
          for (const m of "*_~=") expect(shown.split(m).length).toBeLessThanOrEqual(v.split(m).length);
        }
      }),
      RUNS,
    );
  });

  it("with no emphasis marks, brackets or angle brackets, no backslash, backtick, & or %, the text shown is the value's, line breaks as spaces", () => {
    const plain = ALPHABET.filter((c) => !"*_~=[]<>\\`&%".includes(c));
    fc.assert(
      fc.property(fc.oneof(value(plain), value([...plain, "http://", "www.", "mailto:", "a@b.co", "javascript:"])), (v) => {
        for (const el of drawn(v)) expect(el.textContent).toBe(v.replace(/\n/g, " "));
      }),
      RUNS,
    );
  });

  it("a %%comment%% between two such values is hidden, whatever it holds but %%, and only it (B41-C)", () => {
    // No `$`: math's text is shown as written, a comment inside it too.
    const plain = ALPHABET.filter((c) => !"*_~=[]<>\\`&%$".includes(c));
    const text = fc.oneof(value(plain), value([...plain, "http://", "www.", "mailto:", "a@b.co", "javascript:"]));
    const hidden = value([...ALPHABET.filter((c) => c !== "%"), ...PIECES.filter((p) => !p.includes("%"))]);
    fc.assert(
      fc.property(text, hidden, text, (before, comment, after) => {
        for (const el of drawn(`${before}%%${comment}%%${after}`)) expect(el.textContent).toBe(`${before}${after}`.replace(/\n/g, " "));
      }),
      RUNS,
    );
  });

  it("the renderer and the reader never hand the user's text to the HTML parser", () => {
    for (const file of ["src/plugin/panel-render.ts", "src/core/status-parts.ts"]) {
      const src = readFileSync(file, "utf8");
      expect(src, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|DOMParser|createContextualFragment|document\.write/);
    }
  });
});
