// What every use case receives: the store, the configuration and an injectable clock.
import type { Config } from '../config.js';
import type { Store } from '../store/database.js';

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

export interface Deps {
  store: Store;
  config: Config;
  clock: Clock;
}
