// §5 Mentions: whole-word, case-sensitive, Unicode-aware matching of customer terms.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TermMatcher } from "../../src/core/mentions";
import { parseNote } from "../../src/core/note";
import { buildTerms } from "../../src/core/relate";
import { DEFAULT_SETTINGS } from "../../src/core/settings";

const matcher = (terms: Record<string, string>): TermMatcher => new TermMatcher(new Map(Object.entries(terms)));

/** The matched texts, in order. */
function found(terms: Record<string, string>, text: string): string[] {
  return matcher(terms)
    .find(text)
    .map((m) => text.slice(m.start, m.end));
}

describe("whole-word, case-sensitive matching", () => {
  const T = { "Acme Corp": "C" };

  it("matches the term as written", () => {
    expect(found(T, "We met Acme Corp today.")).toEqual(["Acme Corp"]);
    expect(found(T, "Acme Corp")).toEqual(["Acme Corp"]);
  });

  it("is case-sensitive", () => {
    expect(found(T, "we met acme corp")).toEqual([]);
    expect(found(T, "ACME CORP")).toEqual([]);
  });

  it("a space in a term matches any run of whitespace", () => {
    expect(found(T, "Acme   Corp")).toEqual(["Acme   Corp"]);
    expect(found(T, "Acme\nCorp")).toEqual(["Acme\nCorp"]);
    expect(found(T, "Acme\t \nCorp")).toEqual(["Acme\t \nCorp"]);
    expect(found(T, "AcmeCorp")).toEqual([]);
  });

  it("no letter, digit or combining mark right before or after", () => {
    expect(found(T, "Acme Corps")).toEqual([]);
    expect(found(T, "XAcme Corp")).toEqual([]);
    expect(found(T, "Acme Corp2")).toEqual([]);
    expect(found(T, "2Acme Corp")).toEqual([]);
    expect(found(T, "éAcme Corp")).toEqual([]);
    expect(found(T, "Acme Corpé")).toEqual([]);
    expect(found(T, "Acme Corp\u0301")).toEqual([]);
    expect(found(T, "Acme Corpα")).toEqual([]);
  });

  it("punctuation, symbols and underscores are edges", () => {
    expect(found(T, "(Acme Corp)")).toEqual(["Acme Corp"]);
    expect(found(T, "Acme Corp's team")).toEqual(["Acme Corp"]);
    expect(found(T, "#Acme Corp")).toEqual(["Acme Corp"]);
    expect(found(T, "_Acme Corp_")).toEqual(["Acme Corp"]);
    expect(found(T, "Acme Corp-led")).toEqual(["Acme Corp"]);
    expect(found(T, "“Acme Corp”")).toEqual(["Acme Corp"]);
  });

  it("a no-break space is whitespace too", () => {
    expect(found(T, "Acme\u00A0Corp")).toEqual(["Acme\u00A0Corp"]);
  });

  it("a term ending in punctuation still needs an edge after it", () => {
    expect(found({ "Acme Inc.": "C" }, "Acme Inc., today")).toEqual(["Acme Inc."]);
    expect(found({ "Acme Inc.": "C" }, "Acme Inc.x")).toEqual([]);
  });

  it("finds every occurrence", () => {
    expect(found(T, "Acme Corp and Acme Corp.")).toEqual(["Acme Corp", "Acme Corp"]);
  });

  it("matches non-Latin terms", () => {
    expect(found({ Müller: "C" }, "Treffen mit Müller heute")).toEqual(["Müller"]);
    expect(found({ Müller: "C" }, "Müllers")).toEqual([]);
    expect(found({ Яндекс: "C" }, "Встреча с Яндекс.")).toEqual(["Яндекс"]);
  });

  it("matches terms with astral characters", () => {
    expect(found({ "𝒜cme": "C" }, "hello 𝒜cme!")).toEqual(["𝒜cme"]);
    expect(found({ "𝒜cme": "C" }, "x𝒜cme")).toEqual([]);
  });
});

describe("the CJK and Thai exception", () => {
  it("a Han, Kana, Hangul or Thai neighbour is an edge for a Latin term", () => {
    expect(found({ Acme: "C" }, "我们和Acme开会")).toEqual(["Acme"]);
    expect(found({ Acme: "C" }, "Acmeさんと")).toEqual(["Acme"]);
    expect(found({ Acme: "C" }, "アクメAcmeテスト")).toEqual(["Acme"]);
    expect(found({ Acme: "C" }, "Acme와 회의")).toEqual(["Acme"]);
    expect(found({ Acme: "C" }, "คุยกับAcmeวันนี้")).toEqual(["Acme"]);
  });

  it("a neighbour of the same script as the term's end character is no edge", () => {
    expect(found({ 阿里巴巴: "C" }, "我们和阿里巴巴开会")).toEqual([]);
    expect(found({ 阿里巴巴: "C" }, "和 阿里巴巴 开会")).toEqual(["阿里巴巴"]);
    expect(found({ トヨタ: "C" }, "トヨタグループ")).toEqual([]);
    expect(found({ 삼성: "C" }, "삼성전자")).toEqual([]);
    expect(found({ 삼성: "C" }, "삼성 전자")).toEqual([]); // two characters: too short anyway
    expect(found({ 삼성전자: "C" }, "삼성전자가")).toEqual([]);
    expect(found({ ไทยพาณิชย์: "C" }, "ธนาคารไทยพาณิชย์จำกัด")).toEqual([]);
  });

  it("the prolonged sound mark ー (Script=Common, Script_Extensions=Hira/Kana) ends a Kana term: a Katakana neighbour is no edge", () => {
    // ソニー ends with U+30FC, which only occurs in Kana text; ソニーグループ is one word.
    expect(found({ ソニー: "C" }, "ソニーグループ")).toEqual([]);
  });

  it("the script of each end decides at that end", () => {
    // Starts Latin, ends Han: a Han neighbour is an edge before it, not after it.
    expect(found({ Acme阿里: "C" }, "在Acme阿里 x")).toEqual(["Acme阿里"]);
    expect(found({ Acme阿里: "C" }, "x Acme阿里巴")).toEqual([]);
  });

  it("a Han term next to a Latin letter: the letter is no edge", () => {
    expect(found({ 阿里巴巴: "C" }, "x阿里巴巴")).toEqual([]);
    expect(found({ 阿里巴巴: "C" }, "阿里巴巴x")).toEqual([]);
  });

  it("a Han term next to a Hangul or Thai character: an edge (another script)", () => {
    expect(found({ 阿里巴巴: "C" }, "와阿里巴巴와")).toEqual(["阿里巴巴"]);
  });
});

describe("short terms and overlaps", () => {
  it("terms shorter than 3 characters never match", () => {
    expect(found({ AI: "C" }, "AI is here")).toEqual([]);
    expect(found({ X: "C" }, "X")).toEqual([]);
    expect(found({ IBM: "C" }, "IBM is here")).toEqual(["IBM"]);
    expect(found({ "😀😀": "C" }, "😀😀 here")).toEqual([]);
  });

  it("where terms overlap, the longest match wins the text", () => {
    const T = { Acme: "A", "Acme Cloud": "B" };
    const m = matcher(T).find("Acme Cloud is not Acme");
    expect(m.map((x) => x.owner)).toEqual(["B", "A"]);
    expect(matcher(T).owners("Acme Cloud rocks")).toEqual(new Set(["B"]));
  });

  it("a shorter term inside a longer match does not count, even when it overlaps at the end", () => {
    const T = { "North Star": "A", "Star Bank": "B", "North Star Bank": "C" };
    expect(matcher(T).owners("North Star Bank")).toEqual(new Set(["C"]));
  });

  it("owners collects the customers mentioned in several texts", () => {
    const T = { Acme: "A", Globex: "G" };
    expect(matcher(T).owners("Acme here", "and Globex")).toEqual(new Set(["A", "G"]));
    expect(matcher(T).owners("nothing")).toEqual(new Set());
  });
});

describe("terms of customers (buildTerms, §5)", () => {
  const customer = (path: string, yaml: string) => parseNote(path, `---\n${yaml}---\n`, DEFAULT_SETTINGS).note;

  it("basename, title and aliases are terms", () => {
    const t = buildTerms([customer("Customers/Acme Corp.md", "title: Acme Corporation\naliases: [Acme, ACME Inc]\n")], true);
    expect([...t.mentionTerms.keys()].sort()).toEqual(["ACME Inc", "Acme", "Acme Corp", "Acme Corporation"]);
    expect(t.unique.get("acme inc")).toBe("Customers/Acme Corp.md");
  });

  it("aliases may be a comma-separated string, and `alias` counts", () => {
    const t = buildTerms([customer("Customers/Acme Corp.md", "aliases: Acme, AC Corp\nalias: Acmeco\n")], true);
    expect([...t.mentionTerms.keys()].sort()).toEqual(["AC Corp", "Acme", "Acme Corp", "Acmeco"]);
  });

  it("a term shared by two customers is not used, and a warning says which", () => {
    const t = buildTerms(
      [customer("Customers/Northstar Bank.md", "aliases: [Northstar]\n"), customer("Customers/Northstar Energy.md", "aliases: [northstar]\n")],
      true,
    );
    expect(t.mentionTerms.has("Northstar")).toBe(false);
    expect(t.mentionTerms.has("northstar")).toBe(false);
    expect(t.unique.has("northstar")).toBe(false);
    expect(t.mentionTerms.get("Northstar Bank")).toBe("Customers/Northstar Bank.md");
    expect(t.shared.map((s) => [s.file, s.others])).toEqual([
      ["Customers/Northstar Bank.md", ["Customers/Northstar Energy.md"]],
      ["Customers/Northstar Energy.md", ["Customers/Northstar Bank.md"]],
    ]);
  });

  it("every spelling of a customer's own terms is matched, since mentions match as written", () => {
    const t = buildTerms([customer("Customers/Acme.md", "title: ACME Corp\naliases: [ACME, acme, Acme]\n")], true);
    expect([...t.mentionTerms.keys()].sort()).toEqual(["ACME", "ACME Corp", "Acme", "acme"]);
    expect(t.shared).toEqual([]);
    expect(t.unique.get("acme")).toBe("Customers/Acme.md");
  });

  it("one customer's term in another case among another's is shared all the same: one warning per customer", () => {
    const t = buildTerms(
      [customer("Customers/Northstar Bank.md", "aliases: [Northstar, NORTHSTAR]\n"), customer("Customers/Northstar Energy.md", "aliases: [northstar]\n")],
      true,
    );
    expect([...t.mentionTerms.keys()].sort()).toEqual(["Northstar Bank", "Northstar Energy"]);
    expect(t.shared.map((s) => s.file)).toEqual(["Customers/Northstar Bank.md", "Customers/Northstar Energy.md"]);
  });

  it("mentions: false turns mention matching off for that customer only", () => {
    const t = buildTerms([customer("Customers/Acme.md", "mentions: false\n"), customer("Customers/Globex.md", "")], true);
    expect(t.mentionTerms.has("Acme")).toBe(false);
    expect(t.mentionTerms.has("Globex")).toBe(true);
    // Its terms still name it in frontmatter values.
    expect(t.unique.get("acme")).toBe("Customers/Acme.md");
  });

  it("the mentions setting off turns matching off for all", () => {
    const t = buildTerms([customer("Customers/Acme.md", "")], false);
    expect(t.mentionTerms.size).toBe(0);
    expect(t.unique.get("acme")).toBe("Customers/Acme.md");
  });
});

describe("TermMatcher against the rules of §5 as written (property)", () => {
  const WORDISH = /[\p{L}\p{N}\p{M}]/u;
  const SCRIPTS = [/\p{Script=Han}/u, /\p{Script=Katakana}/u, /\p{Script=Hangul}/u, /\p{Script=Thai}/u];
  const script = (ch: string): number => SCRIPTS.findIndex((r) => r.test(ch));
  const edge = (neighbour: string | undefined, end: string): boolean =>
    neighbour === undefined || !WORDISH.test(neighbour) || (script(neighbour) >= 0 && script(neighbour) !== script(end));
  const cpBefore = (s: string, i: number): string | undefined => (i <= 0 ? undefined : (Array.from(s.slice(0, i)).pop() ?? undefined));
  const cpAt = (s: string, i: number): string | undefined => (i >= s.length ? undefined : String.fromCodePoint(s.codePointAt(i)!));

  /** Every match, then the longest first; null when two overlapping matches are equally long (a tie §5 leaves open). */
  function reference(terms: Map<string, string>, s: string): Array<[number, number, string]> | null {
    const all: Array<[number, number, string]> = [];
    for (const [raw, owner] of terms) {
      const t = raw.normalize("NFC").trim().replace(/\s+/gu, " ");
      const cps = Array.from(t);
      if (cps.length < 3) continue;
      for (let i = 0; i < s.length; i++) {
        let j = i;
        let ok = true;
        for (let k = 0; k < t.length && ok; k++) {
          if (t[k] === " ") {
            if (j >= s.length || !/\s/u.test(s[j]!)) ok = false;
            while (j < s.length && /\s/u.test(s[j]!)) j++;
          } else if (s[j] === t[k]) j++;
          else ok = false;
        }
        if (!ok) continue;
        if (!edge(cpBefore(s, i), cps[0]!) || !edge(cpAt(s, j), cps[cps.length - 1]!)) continue;
        all.push([i, j, owner]);
      }
    }
    const byLength = [...all].sort((a, b) => b[1] - b[0] - (a[1] - a[0]) || a[0] - b[0]);
    const kept: Array<[number, number, string]> = [];
    for (const m of byLength) {
      const clash = kept.find((k) => k[0] < m[1] && m[0] < k[1]);
      if (clash) {
        if (clash[1] - clash[0] === m[1] - m[0]) return null;
        continue;
      }
      kept.push(m);
    }
    return kept.sort((a, b) => a[0] - b[0]);
  }

  it("finds the same mentions", () => {
    const ch = fc.constantFrom("A", "c", "m", "e", " ", " ", "\n", "\u00A0", "é", "阿", "里", "ア", "가", "ก", "1", "-", "'", "😀", "\u0301");
    const termArb = fc.string({ unit: ch, minLength: 1, maxLength: 6 }).map((t) => t.normalize("NFC"));
    fc.assert(
      fc.property(fc.uniqueArray(termArb, { minLength: 1, maxLength: 3 }), fc.array(fc.oneof(fc.nat(2), fc.string({ unit: ch, maxLength: 3 })), { maxLength: 8 }), (terms, pieces) => {
        const text = pieces.map((p) => (typeof p === "number" ? (terms[p % terms.length] ?? "") : p)).join("").normalize("NFC");
        const map = new Map(terms.map((t, i) => [t, `C${i}`]));
        const want = reference(map, text);
        fc.pre(want !== null);
        const got = new TermMatcher(map).find(text).map((m) => [m.start, m.end, m.owner]);
        expect(got).toEqual(want);
      }),
      { numRuns: 5000 },
    );
  });
});
