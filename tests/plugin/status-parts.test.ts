// How the panel reads an Account Status value's markdown: the examples of the CommonMark and GFM
// specs for the rules the panel takes from them (their expected HTML, written as the panel's parts),
// where a mistake in pairing delimiters or in what binds tighter would show.
import { describe, expect, it, vi } from "vitest";
import { statusParts, type StatusPart } from "../../src/plugin/status-parts";

/** Parts as the HTML the specs write: `<a href>` for both kinds of link. */
function html(parts: StatusPart[]): string {
  return parts
    .map((p) => {
      switch (p.kind) {
        case "text":
          return p.text;
        case "code":
          return `<code>${p.text}</code>`;
        case "link":
          return `<a href="${p.linktext}">${html(p.parts)}</a>`;
        case "web":
          return `<a href="${p.url}">${html(p.parts)}</a>`;
        default:
          return `<${p.kind}>${html(p.parts)}</${p.kind}>`;
      }
    })
    .join("");
}

const cases = (rows: Array<[string, string]>): void => {
  for (const [value, shown] of rows) it(JSON.stringify(value), () => expect(html(statusParts(value))).toBe(shown));
};

describe("emphasis: CommonMark's delimiter runs", () => {
  cases([
    ["*foo bar*", "<em>foo bar</em>"],
    ["a * foo bar*", "a * foo bar*"],
    ["foo*bar*", "foo<em>bar</em>"],
    ["foo_bar_", "foo_bar_"],
    ["_foo_bar", "_foo_bar"],
    ["*(*foo*)*", "<em>(<em>foo</em>)</em>"],
    ["**foo**bar", "<strong>foo</strong>bar"],
    ["__foo__bar", "__foo__bar"],
    ["*foo**bar**baz*", "<em>foo<strong>bar</strong>baz</em>"],
    // The rule of 3.
    ["*foo**bar*", "<em>foo**bar</em>"],
    ["***foo** bar*", "<em><strong>foo</strong> bar</em>"],
    ["foo***bar***baz", "foo<em><strong>bar</strong></em>baz"],
    ["**foo*", "*<em>foo</em>"],
    ["*foo**", "<em>foo</em>*"],
  ]);
});

describe("code spans and escapes bind tighter than emphasis and links", () => {
  cases([
    ["`` foo ` bar ``", "<code>foo ` bar</code>"],
    ["*foo`*`", "*foo<code>*</code>"],
    ["[not a `link](/foo`)", "[not a <code>link](/foo</code>)"],
    ["`\\[\\`", "<code>\\[\\</code>"],
    ["\\*not emphasized*", "*not emphasized*"],
    ["\\\\*emphasis*", "\\<em>emphasis</em>"],
    ["`[[Note]]`", "<code>[[Note]]</code>"],
    ["\\[[Note]]", "[[Note]]"],
  ]);
});

describe("GFM: strikethrough and extended autolinks; Obsidian: highlight", () => {
  cases([
    ["~~Hi~~ Hello, world!", "<del>Hi</del> Hello, world!"],
    ["==Hi== Hello", "<mark>Hi</mark> Hello"],
    ["Visit www.commonmark.org/help for more information.", 'Visit <a href="http://www.commonmark.org/help">www.commonmark.org/help</a> for more information.'],
    ["Visit www.commonmark.org.", 'Visit <a href="http://www.commonmark.org">www.commonmark.org</a>.'],
    ["www.google.com/search?q=Markup+(business))", '<a href="http://www.google.com/search?q=Markup+(business)">www.google.com/search?q=Markup+(business)</a>)'],
    ["foo@bar.baz", '<a href="mailto:foo@bar.baz">foo@bar.baz</a>'],
    ["hello@mail+xyz.example isn't valid", "hello@mail+xyz.example isn't valid"],
    ["a.b-c_d@a.b", '<a href="mailto:a.b-c_d@a.b">a.b-c_d@a.b</a>'],
    ["a.b-c_d@a.b.", '<a href="mailto:a.b-c_d@a.b">a.b-c_d@a.b</a>.'],
    ["a.b-c_d@a.b-", "a.b-c_d@a.b-"],
    ["a.b-c_d@a.b_", "a.b-c_d@a.b_"],
    ["<https://example.com/a*b*> <foo@bar.example.com>", '<a href="https://example.com/a*b*">https://example.com/a*b*</a> <a href="mailto:foo@bar.example.com">foo@bar.example.com</a>'],
  ]);
});

describe("long values are read once, not again from each place (B40-E)", () => {
  // No clock in tests: what the reader's regular expressions matched, in all, is counted instead.
  // Read from each of a value's thousands of places to its end, it is thousands of times the
  // value's length; read once, a few times it. (`test` and `replace` go through `exec` too.)
  const matched = (v: string): number => {
    const exec = RegExp.prototype.exec;
    let total = 0;
    const spy = vi.spyOn(RegExp.prototype, "exec").mockImplementation(function (this: RegExp, s: string) {
      const m = exec.call(this, s);
      if (m !== null) total += m[0].length;
      return m;
    });
    try {
      statusParts(v);
    } finally {
      spy.mockRestore();
    }
    return total;
  };
  for (const shape of ["(http://", "http://.", "www..", "HTTPS://~", "www.)"]) {
    it(`${JSON.stringify(shape)} repeated: an address's prefix with no host after it does not read the rest of the value`, () => {
      const v = shape.repeat(2000);
      expect(matched(v)).toBeLessThan(10 * v.length);
      // And each prefix is text: nothing here is an address.
      expect(html(statusParts(v))).toBe(v);
    });
  }
});
