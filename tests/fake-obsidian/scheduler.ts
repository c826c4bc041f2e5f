// One virtual clock for everything the fake does "later": metadata indexing (a worker round trip
// in Obsidian), link resolution, debounced saves, active-leaf events, notice timeouts, `sleep`.
// Nothing here runs on its own: tests drain it with the harness (`flush`, `settle`, `advance`), so
// every run is deterministic and independent of vitest's fake timers.

interface Task {
  id: number;
  due: number;
  seq: number;
  fn: () => void;
  /** Set for intervals: the task is re-armed after each run. */
  every?: number;
  label: string;
}

/** Captured at import so that `vi.useFakeTimers()` in a test cannot freeze our own draining. */
const realSetImmediate: ((cb: () => void) => unknown) | undefined =
  typeof globalThis.setImmediate === "function" ? globalThis.setImmediate.bind(globalThis) : undefined;
const realSetTimeout = globalThis.setTimeout.bind(globalThis);

export class Scheduler {
  private time: number;
  private tasks = new Map<number, Task>();
  private nextId = 1;
  private seq = 0;
  /** Promises returned by event handlers and other fire-and-forget work the fake started. */
  private pending = new Set<Promise<unknown>>();
  private settled = 0;
  private errors: unknown[] = [];

  constructor(start = Date.now()) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  /** Only for a fresh harness: moving time backwards under live tasks would be meaningless. */
  reset(start: number): void {
    this.time = start;
    this.tasks.clear();
    this.pending.clear();
    this.errors = [];
  }

  setTimeout(fn: () => void, delay = 0, label = "timeout"): number {
    return this.add(fn, delay, undefined, label);
  }

  setInterval(fn: () => void, every: number, label = "interval"): number {
    return this.add(fn, every, Math.max(1, every), label);
  }

  clear(id: number | null | undefined): void {
    if (id != null) this.tasks.delete(id);
  }

  private add(fn: () => void, delay: number, every: number | undefined, label: string): number {
    const id = this.nextId++;
    const due = this.time + Math.max(0, Number.isFinite(delay) ? delay : 0);
    this.tasks.set(id, { id, due, seq: this.seq++, fn, every, label });
    return id;
  }

  /** Labels of what is still queued, for diagnostics in failing tests. */
  describePending(): string[] {
    return [...this.tasks.values()]
      .sort(byDue)
      .map((t) => `${t.label} @+${t.due - this.time}ms${t.every ? " (interval)" : ""}`);
  }

  pendingCount(includeIntervals = false): number {
    let n = 0;
    for (const t of this.tasks.values()) if (includeIntervals || t.every === undefined) n++;
    return n;
  }

  private nextTask(includeIntervals: boolean): Task | undefined {
    let best: Task | undefined;
    for (const t of this.tasks.values()) {
      if (!includeIntervals && t.every !== undefined) continue;
      if (!best || byDue(t, best) < 0) best = t;
    }
    return best;
  }

  /** Runs one task due now, if any. One at a time so microtasks can run between tasks. */
  runOneDue(): boolean {
    const t = this.nextTask(true);
    if (!t || t.due > this.time) return false;
    this.runTask(t);
    return true;
  }

  private runTask(t: Task): void {
    if (t.every !== undefined) {
      t.due += t.every;
      t.seq = this.seq++;
    } else {
      this.tasks.delete(t.id);
    }
    try {
      t.fn();
    } catch (err) {
      this.reportError(err);
    }
  }

  /** Time of the next one-shot task (intervals alone never make time "settle"). */
  nextOneShotDue(): number | undefined {
    return this.nextTask(false)?.due;
  }

  nextDueAtOrBefore(limit: number): number | undefined {
    const t = this.nextTask(true);
    return t && t.due <= limit ? t.due : undefined;
  }

  setTime(t: number): void {
    if (t > this.time) this.time = t;
  }

  track(p: Promise<unknown>): void {
    const tracked = p.then(
      () => undefined,
      (err: unknown) => this.reportError(err),
    );
    this.pending.add(tracked);
    void tracked.finally(() => {
      this.pending.delete(tracked);
      this.settled++;
    });
  }

  reportError(err: unknown): void {
    this.errors.push(err);
  }

  takeErrors(): unknown[] {
    const e = this.errors;
    this.errors = [];
    return e;
  }

  /**
   * Lets every queued microtask finish, and waits for tracked promises as long as they keep
   * settling (one still waiting on the virtual clock must not block the drain).
   */
  async drainAsync(): Promise<void> {
    await macrotask();
    for (let round = 0; round < 10_000 && this.pending.size > 0; round++) {
      const before = this.settled;
      await macrotask();
      if (this.settled === before) break;
    }
  }
}

function byDue(a: Task, b: Task): number {
  return a.due - b.due || a.seq - b.seq;
}

export function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    if (realSetImmediate) realSetImmediate(resolve);
    else realSetTimeout(resolve, 0);
  });
}

export const scheduler = new Scheduler();

export class SettleError extends Error {}

/** Runs what is due now, and everything it causes, without moving the clock. */
export async function flush(maxSteps = 100_000): Promise<void> {
  await drainWithClock(maxSteps, false);
}

/** Like `flush`, but also jumps the clock to each pending one-shot timer until none is left. */
export async function settle(maxSteps = 100_000): Promise<void> {
  await drainWithClock(maxSteps, true);
}

async function drainWithClock(maxSteps: number, jump: boolean): Promise<void> {
  for (let step = 0; ; step++) {
    if (step > maxSteps) {
      throw new SettleError(
        `fake-obsidian: work never settled after ${maxSteps} steps; still queued: ${scheduler
          .describePending()
          .slice(0, 10)
          .join(", ")}`,
      );
    }
    await scheduler.drainAsync();
    if (scheduler.runOneDue()) continue;
    if (!jump) break;
    const next = scheduler.nextOneShotDue();
    if (next === undefined) break;
    await runUntil(next);
  }
  rethrowErrors();
}

/** Runs every task due up to `target` in order, then sets the clock to `target`. */
export async function runUntil(target: number): Promise<void> {
  for (;;) {
    const due = scheduler.nextDueAtOrBefore(target);
    if (due === undefined) break;
    scheduler.setTime(due);
    while (scheduler.runOneDue()) await scheduler.drainAsync();
  }
  scheduler.setTime(target);
}

/** Moves the clock forward by `ms`, running every timer that falls due on the way, in order. */
export async function advance(ms: number): Promise<void> {
  const target = scheduler.now() + ms;
  await scheduler.drainAsync();
  while (scheduler.runOneDue()) await scheduler.drainAsync();
  await runUntil(target);
  await flush();
}

let throwOnErrors = true;
export function setThrowOnHandlerErrors(on: boolean): void {
  throwOnErrors = on;
}

export function rethrowErrors(): void {
  const errors = scheduler.takeErrors();
  if (!throwOnErrors || errors.length === 0) return;
  if (errors.length === 1) throw errors[0];
  throw new AggregateError(errors, `fake-obsidian: ${errors.length} errors were thrown by handlers`);
}
