export interface EditorPosition {
  line: number;
  ch: number;
}
export interface EditorRange {
  from: EditorPosition;
  to: EditorPosition;
}
export interface EditorRangeOrCaret {
  from: EditorPosition;
  to?: EditorPosition;
}
export interface EditorSelection {
  anchor: EditorPosition;
  head: EditorPosition;
}
export interface EditorSelectionOrCaret {
  anchor: EditorPosition;
  head?: EditorPosition;
}
export interface EditorChange extends EditorRangeOrCaret {
  text: string;
}
export interface EditorTransaction {
  replaceSelection?: string;
  changes?: EditorChange[];
  selections?: EditorRangeOrCaret[];
  selection?: EditorRangeOrCaret;
}
export interface EditorScrollInfo {
  left: number;
  top: number;
  width: number;
  height: number;
  clientWidth: number;
  clientHeight: number;
}
export type EditorCommandName =
  | "goUp"
  | "goDown"
  | "goLeft"
  | "goRight"
  | "goStart"
  | "goEnd"
  | "goWordLeft"
  | "goWordRight"
  | "indentMore"
  | "indentLess"
  | "newlineAndIndent"
  | "swapLineUp"
  | "swapLineDown"
  | "deleteLine"
  | "toggleFold"
  | "foldAll"
  | "unfoldAll";

/** The CodeMirror-5-style facade Obsidian puts over CodeMirror 6. */
export abstract class Editor {
  getDoc(): this {
    return this;
  }
  abstract refresh(): void;
  abstract getValue(): string;
  abstract setValue(content: string): void;
  abstract getLine(line: number): string;
  setLine(n: number, text: string): void {
    this.replaceRange(text, { line: n, ch: 0 }, { line: n, ch: this.getLine(n).length });
  }
  abstract lineCount(): number;
  abstract lastLine(): number;
  abstract getSelection(): string;
  somethingSelected(): boolean {
    return this.listSelections().some((s) => s.anchor.line !== s.head.line || s.anchor.ch !== s.head.ch);
  }
  abstract getRange(from: EditorPosition, to: EditorPosition): string;
  abstract replaceSelection(replacement: string, origin?: string): void;
  abstract replaceRange(replacement: string, from: EditorPosition, to?: EditorPosition, origin?: string): void;
  abstract getCursor(string?: "from" | "to" | "head" | "anchor"): EditorPosition;
  abstract listSelections(): EditorSelection[];
  setCursor(pos: EditorPosition | number, ch?: number): void {
    const p = typeof pos === "number" ? { line: pos, ch: ch ?? 0 } : pos;
    this.setSelection(p, p);
  }
  abstract setSelection(anchor: EditorPosition, head?: EditorPosition): void;
  abstract setSelections(ranges: EditorSelectionOrCaret[], main?: number): void;
  abstract focus(): void;
  abstract blur(): void;
  abstract hasFocus(): boolean;
  abstract getScrollInfo(): { top: number; left: number };
  abstract scrollTo(x?: number | null, y?: number | null): void;
  abstract scrollIntoView(range: EditorRange, center?: boolean): void;
  abstract undo(): void;
  abstract redo(): void;
  abstract exec(command: EditorCommandName): void;
  abstract transaction(tx: EditorTransaction, origin?: string): void;
  abstract wordAt(pos: EditorPosition): EditorRange | null;
  abstract posToOffset(pos: EditorPosition): number;
  abstract offsetToPos(offset: number): EditorPosition;

  /** Runs `read` on every line touched by a selection, then applies what `write` returns in one transaction. */
  processLines<T>(
    read: (line: number, lineText: string) => T | null,
    write: (line: number, lineText: string, value: T | null) => EditorChange | void,
    ignoreEmpty = false,
  ): void {
    const lines = new Set<number>();
    for (const sel of this.listSelections()) {
      const a = Math.min(sel.anchor.line, sel.head.line);
      const b = Math.max(sel.anchor.line, sel.head.line);
      for (let l = a; l <= b; l++) lines.add(l);
    }
    const changes: EditorChange[] = [];
    for (const line of [...lines].sort((x, y) => x - y)) {
      const text = this.getLine(line);
      if (ignoreEmpty && text.trim() === "") continue;
      const change = write(line, text, read(line, text));
      if (change) changes.push(change);
    }
    if (changes.length) this.transaction({ changes });
  }
}

/**
 * A selection range as CodeMirror stores it: `from`/`to` plus a direction flag. Kept in this
 * shape (rather than anchor/head) because mapping can leave `from > to`, and CodeMirror's
 * normalisation then compares the raw fields.
 */
interface Range {
  from: number;
  to: number;
  inverted: boolean;
}

/** CodeMirror's `EditorSelection.range(anchor, head)`. */
function range(anchor: number, head: number): Range {
  return head < anchor ? { from: head, to: anchor, inverted: true } : { from: anchor, to: head, inverted: false };
}
function anchorOf(r: Range): number {
  return r.inverted ? r.to : r.from;
}
function headOf(r: Range): number {
  return r.inverted ? r.from : r.to;
}
function isEmpty(r: Range): boolean {
  return r.from === r.to;
}

interface Change {
  from: number;
  to: number;
  insert: string;
}


/**
 * Maps a document offset through changes given in pre-change coordinates, exactly as
 * CodeMirror 6's `ChangeSet.mapPos` (MapMode.Simple): at a pure insertion point `assoc < 0`
 * stays before the inserted text; inside a replaced range it goes to the start (`assoc < 0`) or
 * the end; at a replaced range's start it stays at the start, at its end it follows the end.
 */
export function mapOffset(pos: number, changes: readonly Change[], assoc: -1 | 1 = -1): number {
  let delta = 0;
  for (const c of changes) {
    if (pos < c.from) break;
    const len = c.to - c.from;
    const ins = c.insert.length;
    if (c.to > pos || (c.to === pos && assoc < 0 && len === 0)) {
      return pos === c.from || assoc < 0 ? c.from + delta : c.from + delta + ins;
    }
    delta += ins - len;
  }
  return pos + delta;
}

/** CodeMirror's `SelectionRange.map`: a caret maps with assoc -1, a range's ends map inwards. */
function mapRange(r: Range, changes: readonly Change[]): Range {
  if (isEmpty(r)) {
    const p = mapOffset(r.from, changes, -1);
    return { from: p, to: p, inverted: r.inverted };
  }
  // A range inside one replaced span comes out with `from > to`; CodeMirror does exactly that,
  // so the fake does not "fix" it.
  return { from: mapOffset(r.from, changes, 1), to: mapOffset(r.to, changes, -1), inverted: r.inverted };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Position clipping as CodeMirror 5's `clipPos`, which Obsidian's editor facade follows. */
function posToOffsetIn(text: string, starts: number[], pos: EditorPosition): number {
  if (pos.line < 0) return 0;
  if (pos.line >= starts.length) return text.length;
  const start = starts[pos.line] as number;
  const end = pos.line + 1 < starts.length ? (starts[pos.line + 1] as number) - 1 : text.length;
  const ch = Number.isFinite(pos.ch) ? Math.max(0, Math.min(pos.ch, end - start)) : end - start;
  return start + ch;
}

const WORD = /[\p{L}\p{N}_]/u;

/**
 * An editor over a string. Edits made through it mark the owning view dirty and schedule a save,
 * as typing in Obsidian does; `loadText` is the programmatic load a view does when opening a file.
 */
export class StringEditor extends Editor {
  private text: string;
  private starts: number[];
  private ranges: Range[] = [range(0, 0)];
  private mainIndex = 0;
  private focused = false;
  private undoStack: { text: string; ranges: Range[]; main: number }[] = [];
  private redoStack: { text: string; ranges: Range[]; main: number }[] = [];
  /** @internal Called after every document change made through this editor. */
  onDocChanged: ((origin: string | undefined) => void) | null = null;

  constructor(text = "") {
    super();
    this.text = text;
    this.starts = lineStartsOf(text);
  }

  refresh(): void {}

  getValue(): string {
    return this.text;
  }

  setValue(content: string): void {
    this.dispatch([{ from: 0, to: this.text.length, insert: content }], null, "setValue");
  }

  /** @internal Replaces the document without counting as a user edit (opening or reloading a file). */
  loadText(text: string, clear: boolean): void {
    if (clear) {
      this.text = text;
      this.starts = lineStartsOf(text);
      this.ranges = [range(0, 0)];
      this.mainIndex = 0;
      this.undoStack = [];
      this.redoStack = [];
      return;
    }
    // A reload after an outside change: apply only the differing middle, so carets elsewhere stay put.
    const old = this.text;
    let prefix = 0;
    while (prefix < old.length && prefix < text.length && old[prefix] === text[prefix]) prefix++;
    let suffix = 0;
    while (
      suffix < old.length - prefix &&
      suffix < text.length - prefix &&
      old[old.length - 1 - suffix] === text[text.length - 1 - suffix]
    ) {
      suffix++;
    }
    const change = { from: prefix, to: old.length - suffix, insert: text.slice(prefix, text.length - suffix) };
    this.apply([change], null);
  }

  getLine(line: number): string {
    if (!Number.isInteger(line) || line < 0 || line >= this.starts.length) {
      throw new RangeError(`Invalid line number ${line + 1} in ${this.starts.length}-line document`);
    }
    const start = this.starts[line] as number;
    const end = line + 1 < this.starts.length ? (this.starts[line + 1] as number) - 1 : this.text.length;
    return this.text.slice(start, end);
  }

  lineCount(): number {
    return this.starts.length;
  }

  lastLine(): number {
    return this.starts.length - 1;
  }

  getSelection(): string {
    const main = this.main();
    return this.text.slice(Math.min(main.from, main.to), Math.max(main.from, main.to));
  }

  getRange(from: EditorPosition, to: EditorPosition): string {
    const a = this.posToOffset(from);
    const b = this.posToOffset(to);
    return this.text.slice(Math.min(a, b), Math.max(a, b));
  }

  replaceSelection(replacement: string, origin?: string): void {
    const { changes, ranges } = this.replaceSelectionSpec(replacement);
    this.dispatch(changes, { ranges, main: this.mainIndex }, origin);
  }

  replaceRange(replacement: string, from: EditorPosition, to?: EditorPosition, origin?: string): void {
    const a = this.posToOffset(from);
    const b = to ? this.posToOffset(to) : a;
    this.dispatch([{ from: Math.min(a, b), to: Math.max(a, b), insert: replacement }], null, origin);
  }

  getCursor(which: "from" | "to" | "head" | "anchor" = "head"): EditorPosition {
    const main = this.main();
    const offset = which === "from" ? main.from : which === "to" ? main.to : which === "anchor" ? anchorOf(main) : headOf(main);
    return this.offsetToPos(offset);
  }

  listSelections(): EditorSelection[] {
    return this.ranges.map((r) => ({ anchor: this.offsetToPos(anchorOf(r)), head: this.offsetToPos(headOf(r)) }));
  }

  setSelection(anchor: EditorPosition, head?: EditorPosition): void {
    const a = this.posToOffset(anchor);
    this.setRanges([range(a, head ? this.posToOffset(head) : a)], 0);
  }

  setSelections(ranges: EditorSelectionOrCaret[], main = 0): void {
    if (ranges.length === 0) return;
    this.setRanges(
      ranges.map((r) => {
        const a = this.posToOffset(r.anchor);
        return range(a, r.head ? this.posToOffset(r.head) : a);
      }),
      main,
    );
  }

  focus(): void {
    this.focused = true;
  }

  blur(): void {
    this.focused = false;
  }

  hasFocus(): boolean {
    return this.focused;
  }

  getScrollInfo(): EditorScrollInfo {
    return { left: 0, top: 0, width: 0, height: 0, clientWidth: 0, clientHeight: 0 };
  }

  scrollTo(_x?: number | null, _y?: number | null): void {}

  scrollIntoView(_range: EditorRange, _center?: boolean): void {}

  undo(): void {
    const prev = this.undoStack.pop();
    if (!prev) return;
    this.redoStack.push({ text: this.text, ranges: this.ranges, main: this.mainIndex });
    this.restore(prev, "undo");
  }

  redo(): void {
    const next = this.redoStack.pop();
    if (!next) return;
    this.undoStack.push({ text: this.text, ranges: this.ranges, main: this.mainIndex });
    this.restore(next, "redo");
  }

  exec(command: EditorCommandName): void {
    const main = this.main();
    const mainHead = headOf(main);
    const head = this.offsetToPos(mainHead);
    switch (command) {
      case "goStart":
        this.setCursor({ line: 0, ch: 0 });
        return;
      case "goEnd":
        this.setCursor(this.offsetToPos(this.text.length));
        return;
      case "goLeft":
        this.setRanges([range(Math.max(0, mainHead - 1), Math.max(0, mainHead - 1))], 0);
        return;
      case "goRight": {
        const p = Math.min(this.text.length, mainHead + 1);
        this.setRanges([range(p, p)], 0);
        return;
      }
      case "goUp":
        this.setCursor({ line: Math.max(0, head.line - 1), ch: head.ch });
        return;
      case "goDown":
        this.setCursor({ line: Math.min(this.lastLine(), head.line + 1), ch: head.ch });
        return;
      case "goWordLeft":
      case "goWordRight": {
        const step = command === "goWordLeft" ? -1 : 1;
        let p = mainHead;
        const at = (i: number) => WORD.test(this.text.charAt(step < 0 ? i - 1 : i));
        while (p > 0 && p < this.text.length && !at(p)) p += step;
        while (p > 0 && p < this.text.length && at(p)) p += step;
        this.setRanges([range(p, p)], 0);
        return;
      }
      case "newlineAndIndent": {
        const indent = /^[ \t]*/.exec(this.getLine(head.line))?.[0] ?? "";
        this.replaceSelection(`\n${indent}`, "+input");
        return;
      }
      case "indentMore":
      case "indentLess":
        this.processLines(
          () => null,
          (line, text) =>
            command === "indentMore"
              ? { from: { line, ch: 0 }, text: "\t" }
              : text.startsWith("\t")
                ? { from: { line, ch: 0 }, to: { line, ch: 1 }, text: "" }
                : undefined,
        );
        return;
      case "deleteLine": {
        const from = this.posToOffset({ line: head.line, ch: 0 });
        const to = head.line < this.lastLine() ? this.posToOffset({ line: head.line + 1, ch: 0 }) : this.text.length;
        const start = head.line === this.lastLine() && head.line > 0 ? from - 1 : from;
        this.dispatch([{ from: start, to, insert: "" }], null, "+delete");
        return;
      }
      case "swapLineUp":
      case "swapLineDown": {
        const other = command === "swapLineUp" ? head.line - 1 : head.line + 1;
        if (other < 0 || other > this.lastLine()) return;
        const a = Math.min(head.line, other);
        const first = this.getLine(a);
        const second = this.getLine(a + 1);
        this.replaceRange(`${second}\n${first}`, { line: a, ch: 0 }, { line: a + 1, ch: second.length }, "+move");
        this.setCursor({ line: other, ch: head.ch });
        return;
      }
      case "toggleFold":
      case "foldAll":
      case "unfoldAll":
        // Folding changes only the display, never the text; the fake has no display.
        return;
    }
  }

  transaction(tx: EditorTransaction, origin?: string): void {
    const changes: Change[] = (tx.changes ?? []).map((c) => {
      const a = this.posToOffset(c.from);
      const b = c.to ? this.posToOffset(c.to) : a;
      return { from: Math.min(a, b), to: Math.max(a, b), insert: c.text };
    });
    let selection: { ranges: Range[]; main: number } | null = null;
    if (tx.replaceSelection !== undefined) {
      const spec = this.replaceSelectionSpec(tx.replaceSelection);
      changes.push(...spec.changes);
      selection = { ranges: spec.ranges, main: this.mainIndex };
    }
    const explicit = tx.selections ?? (tx.selection ? [tx.selection] : null);
    if (explicit) {
      // Selections in a transaction are positions in the document after its changes.
      const after = applyChanges(this.text, sortChanges(changes));
      const starts = lineStartsOf(after);
      selection = {
        ranges: explicit.map((r) => {
          const a = posToOffsetIn(after, starts, r.from);
          return range(a, r.to ? posToOffsetIn(after, starts, r.to) : a);
        }),
        main: 0,
      };
    }
    this.dispatch(changes, selection, origin);
  }

  wordAt(pos: EditorPosition): EditorRange | null {
    const offset = this.posToOffset(pos);
    let from = offset;
    let to = offset;
    while (from > 0 && WORD.test(this.text.charAt(from - 1))) from--;
    while (to < this.text.length && WORD.test(this.text.charAt(to))) to++;
    if (from === to) return null;
    return { from: this.offsetToPos(from), to: this.offsetToPos(to) };
  }

  posToOffset(pos: EditorPosition): number {
    return posToOffsetIn(this.text, this.starts, pos);
  }

  offsetToPos(offset: number): EditorPosition {
    const o = Math.max(0, Math.min(this.text.length, offset));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, ch: o - (this.starts[lo] as number) };
  }

  private main(): Range {
    return this.ranges[this.mainIndex] ?? (this.ranges[0] as Range);
  }

  private replaceSelectionSpec(replacement: string): { changes: Change[]; ranges: Range[] } {
    const changes = this.ranges.map((r) => ({ from: Math.min(r.from, r.to), to: Math.max(r.from, r.to), insert: replacement }));
    const sorted = sortChanges(changes);
    const ends = new Map<Change, number>();
    let delta = 0;
    for (const c of sorted) {
      ends.set(c, c.from + delta + c.insert.length);
      delta += c.insert.length - (c.to - c.from);
    }
    const ranges = changes.map((c) => {
      const p = ends.get(c) as number;
      return range(p, p);
    });
    return { changes, ranges };
  }

  private setRanges(ranges: Range[], main: number): void {
    const clamp = (n: number) => Math.max(0, Math.min(this.text.length, n));
    const normalized = normalizeRanges(
      ranges.map((r) => ({ from: clamp(r.from), to: clamp(r.to), inverted: r.inverted })),
      Math.max(0, Math.min(ranges.length - 1, main)),
    );
    this.ranges = normalized.ranges;
    this.mainIndex = normalized.main;
  }

  private dispatch(changes: Change[], selection: { ranges: Range[]; main: number } | null, origin: string | undefined): void {
    const changed = this.apply(changes, selection);
    if (changed) this.onDocChanged?.(origin);
  }

  /** Applies changes (pre-change coordinates) and maps or sets the selection; true if the text changed. */
  private apply(changes: Change[], selection: { ranges: Range[]; main: number } | null): boolean {
    const sorted = sortChanges(changes.filter((c) => c.from !== c.to || c.insert !== ""));
    const next = applyChanges(this.text, sorted);
    const docChanged = next !== this.text;
    if (sorted.length) {
      this.undoStack.push({ text: this.text, ranges: this.ranges, main: this.mainIndex });
      this.redoStack = [];
    }
    const mapped = selection ?? { ranges: this.ranges.map((r) => mapRange(r, sorted)), main: this.mainIndex };
    this.text = next;
    this.starts = lineStartsOf(next);
    this.setRanges(mapped.ranges, mapped.main);
    return docChanged;
  }

  private restore(state: { text: string; ranges: Range[]; main: number }, origin: string): void {
    this.text = state.text;
    this.starts = lineStartsOf(state.text);
    this.setRanges(state.ranges, state.main);
    this.onDocChanged?.(origin);
  }
}

function sortChanges(changes: Change[]): Change[] {
  const sorted = changes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.from - b.c.from || a.i - b.i)
    .map((x) => x.c);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as Change;
    const cur = sorted[i] as Change;
    if (cur.from < prev.to) {
      throw new RangeError(
        `fake-obsidian: overlapping changes in one transaction (${prev.from}-${prev.to} and ${cur.from}-${cur.to}) are not supported`,
      );
    }
  }
  return sorted;
}

function applyChanges(text: string, sorted: readonly Change[]): string {
  let out = "";
  let pos = 0;
  for (const c of sorted) {
    if (c.from < 0 || c.to > text.length) throw new RangeError(`Invalid change range ${c.from} to ${c.to} (in doc of length ${text.length})`);
    out += text.slice(pos, c.from) + c.insert;
    pos = c.to;
  }
  return out + text.slice(pos);
}

/** Ported from CodeMirror's `EditorSelection.normalized`: sorted, touching carets and overlaps merged. */
function normalizeRanges(input: Range[], mainIndex: number): { ranges: Range[]; main: number } {
  const ranges = input.slice();
  const main = ranges[mainIndex];
  ranges.sort((a, b) => a.from - b.from);
  let m = main ? ranges.indexOf(main) : 0;
  for (let i = 1; i < ranges.length; i++) {
    const cur = ranges[i] as Range;
    const prev = ranges[i - 1] as Range;
    if (isEmpty(cur) ? cur.from <= prev.to : cur.from < prev.to) {
      const from = prev.from;
      const to = Math.max(cur.to, prev.to);
      if (i <= m) m--;
      ranges.splice(--i, 2, anchorOf(cur) > headOf(cur) ? range(to, from) : range(from, to));
    }
  }
  return { ranges, main: Math.max(0, m) };
}
