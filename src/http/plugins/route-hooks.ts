// Hooks attached to the routes that need them instead of to every request (issue 7 "read"): a
// global hook runs on every request, even where it only returns at once, and each async hook costs
// a promise and a microtask turn. `onRoute` sees every route (those of encapsulated plugins too)
// as it is declared, so a plugin adds its hooks to the routes it applies to.
import type { RouteOptions } from 'fastify';
import type { App } from '../app-type.js';

type HookName = 'preValidation' | 'preHandler' | 'onSend' | 'onResponse';

/** Appends `hook` to the route's own `name` hooks (they run after the global ones, in order added). */
export function addRouteHook(route: RouteOptions, name: HookName, hook: unknown): void {
  const options = route as unknown as Record<HookName, unknown>;
  const existing = options[name];
  options[name] = existing === undefined ? [hook] : Array.isArray(existing) ? [...existing, hook] : [existing, hook];
}

/** The route's methods, upper case. */
export const routeMethods = (route: RouteOptions): string[] => (Array.isArray(route.method) ? route.method : [route.method]).map((m) => m.toUpperCase());

/** Calls `attach` for every route declared from now on (in this instance and the plugins it registers). */
export function onEveryRoute(app: App, attach: (route: RouteOptions) => void): void {
  app.addHook('onRoute', (route) => attach(route as unknown as RouteOptions));
}
