import type { EventRef, InternalEventRef } from "./events";
import { scheduler } from "./scheduler";

/**
 * What is still registered through components, so a test can prove that unloading released it.
 * Only Component-registered DOM listeners and intervals are counted: those are what
 * `Component.unload` promises to clean up.
 */
export const liveRegistrations = {
  domListeners: new Set<object>(),
  intervals: new Set<number>(),
  loadedComponents: new Set<Component>(),
};

/** Marks components the fake itself owns (built-in views), so leak reports only show the plugin's. */
export const FAKE_INTERNAL = Symbol("fake-obsidian internal component");

export class Component {
  /** Field names as in Obsidian; some plugins read `_loaded`. */
  _loaded = false;
  _events: (() => unknown)[] = [];
  _children: Component[] = [];
  /** @internal */ _onloadPromise: Promise<unknown> | null = null;

  load(): void {
    if (this._loaded) return;
    this._loaded = true;
    liveRegistrations.loadedComponents.add(this);
    // `Plugin.onload` may be async; Obsidian awaits it, so the harness must be able to as well.
    const result: unknown = this.onload();
    if (result instanceof Promise) {
      this._onloadPromise = result;
      scheduler.track(result);
    }
    for (const child of this._children.slice()) child.load();
  }

  onload(): void {}

  /** Children first (last added first), then registered callbacks in reverse, then `onunload`. */
  unload(): void {
    if (!this._loaded) return;
    this._loaded = false;
    liveRegistrations.loadedComponents.delete(this);
    while (this._children.length > 0) this._children.pop()?.unload();
    while (this._events.length > 0) {
      const cb = this._events.pop();
      cb?.();
    }
    this.onunload();
  }

  onunload(): void {}

  addChild<T extends Component>(component: T): T {
    this._children.push(component);
    if (this._loaded) component.load();
    return component;
  }

  removeChild<T extends Component>(component: T): T {
    const i = this._children.indexOf(component);
    if (i !== -1) {
      this._children.splice(i, 1);
      component.unload();
    }
    return component;
  }

  register(cb: () => unknown): void {
    this._events.push(cb);
  }

  registerEvent(eventRef: EventRef): void {
    const ref = eventRef as InternalEventRef;
    this.register(() => ref.e.offref(ref));
  }

  registerDomEvent<K extends keyof WindowEventMap>(
    el: Window,
    type: K,
    callback: (this: HTMLElement, ev: WindowEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  registerDomEvent<K extends keyof DocumentEventMap>(
    el: Document,
    type: K,
    callback: (this: HTMLElement, ev: DocumentEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  registerDomEvent<K extends keyof HTMLElementEventMap>(
    el: HTMLElement,
    type: K,
    callback: (this: HTMLElement, ev: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  registerDomEvent(
    el: EventTarget,
    type: string,
    callback: (this: HTMLElement, ev: Event) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void {
    const listener = callback as EventListener;
    el.addEventListener(type, listener, options);
    const token = { el, type };
    liveRegistrations.domListeners.add(token);
    this.register(() => {
      el.removeEventListener(type, listener, options);
      liveRegistrations.domListeners.delete(token);
    });
  }

  registerInterval(id: number): number {
    liveRegistrations.intervals.add(id);
    this.register(() => {
      clearInterval(id);
      liveRegistrations.intervals.delete(id);
    });
    return id;
  }

  /** Not in the public typings, but Obsidian has it and `Scope` handlers are registered this way. */
  registerScopeEvent(handler: { scope: { unregister(h: unknown): void } }): void {
    this.register(() => handler.scope.unregister(handler));
  }
}
