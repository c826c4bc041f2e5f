import { describe, expect, it } from "vitest";
import { Component, debounce, Events } from "obsidian";
import type { EventRef } from "obsidian";
import { createFakeApp, fakeClock } from "./harness";

describe("debounce", () => {
  it("without resetTimer fires `timeout` ms after the first call, once, with the latest arguments", async () => {
    createFakeApp({ now: 0 });
    const calls: [number, string][] = [];
    const d = debounce((s: string) => calls.push([fakeClock.now(), s]), 1000);
    expect(d("a")).toBe(d); // calling returns the debouncer
    await fakeClock.advance(500);
    d("b");
    await fakeClock.advance(400);
    d("c");
    expect(calls).toEqual([]);
    await fakeClock.advance(100);
    expect(calls).toEqual([[1000, "c"]]);
    await fakeClock.advance(5000);
    expect(calls).toHaveLength(1);
  });

  it("with resetTimer fires `timeout` ms after the latest call", async () => {
    createFakeApp({ now: 0 });
    const calls: [number, string][] = [];
    const d = debounce((s: string) => calls.push([fakeClock.now(), s]), 1000, true);
    d("a");
    await fakeClock.advance(500);
    d("b");
    await fakeClock.advance(900);
    d("c");
    await fakeClock.advance(999);
    expect(calls).toEqual([]);
    await fakeClock.advance(1);
    expect(calls).toEqual([[2400, "c"]]);
  });

  it("the documented example: only the second call is printed", async () => {
    createFakeApp({ now: 0 });
    const printed: string[] = [];
    const d = debounce((text: string) => printed.push(text), 1000, true);
    d("Hello world");
    await fakeClock.advance(500);
    d("World, hello");
    await fakeClock.settle();
    expect(printed).toEqual(["World, hello"]);
  });

  it("cancel drops the pending call and returns the debouncer; it can be armed again", async () => {
    createFakeApp({ now: 0 });
    let n = 0;
    const d = debounce(() => n++, 100);
    d();
    expect(d.cancel()).toBe(d);
    await fakeClock.advance(1000);
    expect(n).toBe(0);
    d();
    await fakeClock.advance(100);
    expect(n).toBe(1);
  });

  it("run() calls a pending callback now and returns its value; with nothing pending it does nothing", async () => {
    createFakeApp({ now: 0 });
    const seen: number[] = [];
    const d = debounce((x: number) => {
      seen.push(x);
      return x * 2;
    }, 1000);
    expect(d.run()).toBeUndefined();
    d(21);
    expect(d.run()).toBe(42);
    expect(seen).toEqual([21]);
    await fakeClock.advance(2000);
    expect(seen).toEqual([21]); // the timer was cleared
  });

  it("keeps `this` of the last call", async () => {
    createFakeApp({ now: 0 });
    const owner = {
      name: "owner",
      seen: "",
      d: debounce(function (this: { name: string; seen: string }) {
        this.seen = this.name;
      }, 10),
    };
    owner.d();
    await fakeClock.settle();
    expect(owner.seen).toBe("owner");
  });
});

describe("Events", () => {
  it("calls handlers in registration order with ctx as this; offref, off and tryTrigger behave", () => {
    const e = new Events();
    const calls: string[] = [];
    const ctx = { tag: "ctx" };
    const r1 = e.on("x", function (this: typeof ctx, a) {
      calls.push(`1:${String(a)}:${this.tag}`);
    }, ctx);
    const fn = (a: unknown) => calls.push(`2:${String(a)}`);
    e.on("x", fn);
    e.trigger("x", "A");
    e.offref(r1);
    e.trigger("x", "B");
    e.off("x", fn);
    e.trigger("x", "C");
    expect(calls).toEqual(["1:A:ctx", "2:A", "2:B"]);

    const r = e.on("y", (...args) => calls.push(`y:${args.join(",")}`));
    e.tryTrigger(r, [1, 2]);
    expect(calls.at(-1)).toBe("y:1,2");
  });

  it("a handler added or removed during a trigger does not change that round", () => {
    const e = new Events();
    const calls: string[] = [];
    let late: EventRef | null = null;
    const first = e.on("x", () => {
      calls.push("first");
      e.offref(second);
      late = e.on("x", () => calls.push("late"));
    });
    const second = e.on("x", () => calls.push("second"));
    e.trigger("x");
    e.trigger("x");
    expect(calls).toEqual(["first", "second", "first", "late"]);
    expect(late).not.toBeNull();
    e.offref(first);
  });

  it("a throwing handler does not stop the others; the harness reports the error afterwards", async () => {
    const h = createFakeApp();
    const vault = h.vault as unknown as Events;
    const calls: string[] = [];
    vault.on("custom", () => {
      throw new Error("handler failed");
    });
    vault.on("custom", () => calls.push("second still ran"));
    vault.trigger("custom");
    expect(calls).toEqual(["second still ran"]);
    await expect(h.flush()).rejects.toThrow("handler failed");
  });

  it("rejections of async handlers are reported too", async () => {
    const h = createFakeApp();
    const vault = h.vault as unknown as Events;
    vault.on("custom", async () => {
      await Promise.resolve();
      throw new Error("async handler failed");
    });
    vault.trigger("custom");
    await expect(h.flush()).rejects.toThrow("async handler failed");
  });
});

describe("Component lifecycle", () => {
  class Recorder extends Component {
    constructor(
      private readonly name: string,
      private readonly log: string[],
    ) {
      super();
    }
    override onload(): void {
      this.log.push(`load ${this.name}`);
    }
    override onunload(): void {
      this.log.push(`unload ${this.name}`);
    }
  }

  it("load runs onload then loads children; unload unloads children (last first), then callbacks in reverse, then onunload", () => {
    const log: string[] = [];
    const parent = new Recorder("parent", log);
    parent.addChild(new Recorder("child1", log));
    parent.addChild(new Recorder("child2", log));
    parent.register(() => log.push("callback1"));
    parent.register(() => log.push("callback2"));
    parent.load();
    parent.load(); // idempotent
    expect(log).toEqual(["load parent", "load child1", "load child2"]);
    log.length = 0;
    parent.unload();
    parent.unload(); // idempotent
    expect(log).toEqual(["unload child2", "unload child1", "callback2", "callback1", "unload parent"]);
  });

  it("addChild loads at once if the parent is loaded; removeChild unloads", () => {
    const log: string[] = [];
    const parent = new Recorder("parent", log);
    parent.load();
    const child = parent.addChild(new Recorder("late", log));
    expect(log).toEqual(["load parent", "load late"]);
    expect(parent.removeChild(child)).toBe(child);
    expect(log.at(-1)).toBe("unload late");
  });

  it("unload detaches registered events, clears intervals and removes DOM listeners", async () => {
    const h = createFakeApp();
    const vault = h.vault as unknown as Events;
    const c = new Component();
    c.load();
    let events = 0;
    c.registerEvent(vault.on("custom", () => events++));
    let ticks = 0;
    // window.setInterval runs on the harness clock.
    const handle = setInterval(() => ticks++, 10) as unknown as number;
    expect(c.registerInterval(handle)).toBe(handle);
    const target = new EventTarget() as unknown as HTMLElement;
    let clicks = 0;
    c.registerDomEvent(target, "click", () => clicks++);
    target.dispatchEvent(new Event("click"));
    vault.trigger("custom");
    await h.advance(30);
    expect([events, clicks, ticks]).toEqual([1, 1, 3]);
    expect(h.liveRegistrations()).toMatchObject({ vaultListeners: { custom: 1 }, domListeners: 1, intervals: 1 });
    expect(h.liveRegistrations().pendingTimers).toEqual(["interval @+10ms (interval)"]);

    c.unload();
    vault.trigger("custom");
    target.dispatchEvent(new Event("click"));
    await h.advance(100);
    expect([events, clicks, ticks]).toEqual([1, 1, 3]);
    expect(h.liveRegistrations().pendingTimers).toEqual([]);
    expect(h.liveRegistrations()).toMatchObject({ vaultListeners: {}, domListeners: 0, intervals: 0 });
  });
});
