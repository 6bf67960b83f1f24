// Shared pieces of the wire shapes (spec §2.3): the presentation context, currency, dates, users.
import type { CurrencyInfo } from '../../domain/currencies/catalogue.js';
import type { Actor, User } from '../../domain/people/user.js';
import { formatApiDate } from '../wire-date.js';
import { presentEmployee } from './people.presenter.js';

/** What every presenter may need: the reader (rights, time zone) and the users it references. */
export interface PresentContext {
  actor: Actor;
  users: ReadonlyMap<string, User>;
}

export const presentCurrency = (c: CurrencyInfo) => ({
  title: c.title,
  symbol: c.symbol,
  abbreviation: c.abbreviation,
  cultureName: c.cultureName,
  isConvertable: c.isConvertable,
  isBasic: c.isBasic,
});

/** ApiDateTime in the reader's tenant zone (spec §1.7). */
export const apiDate = (ctx: PresentContext, d: Date | null | undefined): string => formatApiDate(d, ctx.actor.timeZone);

/** Employee of a user id; the "lost user" placeholder when it is not a user of the tenant. */
export const employee = (ctx: PresentContext, userId: string) => presentEmployee(ctx.users.get(userId));
