import { scheduler } from "./scheduler";

// Obsidian's EventRef is opaque in the API, but at runtime it is `{ e, name, fn, ctx }` and
// `Component.registerEvent` relies on `ref.e.offref(ref)`; plugins in the wild do too.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventRef {}

export interface InternalEventRef extends EventRef {
  e: Events;
  name: string;
  fn: (...data: unknown[]) => unknown;
  ctx?: unknown;
}

type Spy = (name: string, data: unknown[]) => void;

export class Events {
  /** Same field name as Obsidian, so code that peeks at listeners behaves the same. */
  _: Record<string, InternalEventRef[]> = {};
  /** Harness hook to record the order of triggers without counting as a listener. */
  _spy: Spy | null = null;

  on(name: string, callback: (...data: unknown[]) => unknown, ctx?: unknown): EventRef {
    const ref: InternalEventRef = { e: this, name, fn: callback, ctx };
    (this._[name] ??= []).push(ref);
    return ref;
  }

  off(name: string, callback: (...data: unknown[]) => unknown): void {
    const list = this._[name];
    if (!list) return;
    const kept = list.filter((ref) => ref.fn !== callback);
    if (kept.length) this._[name] = kept;
    else delete this._[name];
  }

  offref(ref: EventRef): void {
    const r = ref as InternalEventRef | null | undefined;
    if (!r) return;
    const list = this._[r.name];
    if (!list) return;
    const i = list.indexOf(r);
    if (i !== -1) list.splice(i, 1);
    if (list.length === 0) delete this._[r.name];
  }

  trigger(name: string, ...data: unknown[]): void {
    this._spy?.(name, data);
    const list = this._[name];
    if (!list) return;
    // A snapshot, as in Obsidian: handlers added or removed while dispatching do not change this round.
    for (const ref of list.slice()) this.tryTrigger(ref, data);
  }

  tryTrigger(evt: EventRef, args: unknown[]): void {
    const ref = evt as InternalEventRef;
    try {
      const result = ref.fn.apply(ref.ctx, args);
      // Obsidian ignores what handlers return; tracking async handlers lets `settle()` wait for
      // them and surface their rejections instead of leaving unhandled rejections behind.
      if (isThenable(result)) scheduler.track(Promise.resolve(result));
    } catch (err) {
      // Obsidian logs and carries on with the other handlers; the harness rethrows it later.
      scheduler.reportError(err);
    }
  }
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return typeof x === "object" && x !== null && typeof (x as { then?: unknown }).then === "function";
}

export function listenerCount(events: Events, name?: string): number {
  if (name !== undefined) return events._[name]?.length ?? 0;
  let n = 0;
  for (const key of Object.keys(events._)) n += events._[key]?.length ?? 0;
  return n;
}

export function listenersByName(events: Events): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(events._)) {
    const n = events._[key]?.length ?? 0;
    if (n) out[key] = n;
  }
  return out;
}
